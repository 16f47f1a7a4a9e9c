/** English strings of the Basics lesson (mounted at `basics`); each mode has its own file. */
import { activationsEn } from './activations.en';
import { lossesEn } from './losses.en';
import { descentEn } from './descent.en';
import { backpropEn } from './backprop.en';
import { playgroundEn } from './playground.en';

export const basicsEn = {
  title: 'Basics: how a network learns',
  modes: 'What to explore',
  mode: {
    activations: 'Activations',
    losses: 'Losses',
    descent: 'Gradient descent',
    backprop: 'Backpropagation',
    playground: 'Playground',
  },
  activations: activationsEn,
  losses: lossesEn,
  descent: descentEn,
  backprop: backpropEn,
  playground: playgroundEn,
};
