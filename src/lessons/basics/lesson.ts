import type { LessonDefinition } from '../../store/lessonRegistry';
import {
  ACTIVATIONS_HIDEABLE,
  activationsResult,
  activationsStepCount,
} from './activations/lessonParts';
import { BACKPROP_HIDEABLE, backpropResult, backpropStepCount } from './backprop/lessonParts';
import {
  basicsConfigSchema,
  basicsDefaults,
  basicsModeDefaults,
  type BasicsConfig,
} from './config';
import { DESCENT_HIDEABLE, descentResult, descentStepCount } from './descent/lessonParts';
import { LOSSES_HIDEABLE, lossesResult, lossesStepCount } from './losses/lessonParts';
import {
  PLAYGROUND_HIDEABLE,
  playgroundResult,
  playgroundStepCount,
} from './playground/lessonParts';

/** Controls that `?hide=` can hide in this lesson. */
export const BASICS_HIDEABLE = [
  'modes',
  ...ACTIVATIONS_HIDEABLE,
  ...LOSSES_HIDEABLE,
  ...DESCENT_HIDEABLE,
  ...BACKPROP_HIDEABLE,
  ...PLAYGROUND_HIDEABLE,
] as const;

/** How a network learns: activations, losses, gradient descent, backpropagation, a playground. */
export const basicsLesson: LessonDefinition<BasicsConfig> = {
  id: 'basics',
  schema: basicsConfigSchema,
  defaults: basicsDefaults,
  modeDefaults: basicsModeDefaults,
  stepCount: (config) => {
    switch (config.mode) {
      case 'activations':
        return activationsStepCount(config);
      case 'losses':
        return lossesStepCount(config);
      case 'descent':
        return descentStepCount(config);
      case 'backprop':
        return backpropStepCount(config);
      case 'playground':
        return playgroundStepCount(config);
    }
  },
  getResult: (config) => {
    switch (config.mode) {
      case 'activations':
        return activationsResult(config);
      case 'losses':
        return lossesResult(config);
      case 'descent':
        return descentResult(config);
      case 'backprop':
        return backpropResult(config);
      case 'playground':
        return playgroundResult(config);
    }
  },
  hideable: BASICS_HIDEABLE,
};
