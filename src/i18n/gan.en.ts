/** English strings of the GAN lesson (mounted at `gan`). */
export const ganEn = {
  title: 'GANs: two networks learning against each other',
  modes: 'What to explore',
  mode: { train: 'Train a 2-D GAN', losses: 'The losses', digits: 'Digits' },
};
