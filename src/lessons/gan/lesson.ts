import type { LessonDefinition } from '../../store/lessonRegistry';
import { ganConfigSchema, ganDefaults, ganModeDefaults, type GanConfig } from './config';
import { DIGITS_HIDEABLE, digitsResult, digitsStepCount } from './digits/lessonParts';
import { LOSSES_HIDEABLE, lossesResult, lossesStepCount } from './losses/lessonParts';
import { TRAIN_HIDEABLE, trainResult, trainStepCount } from './train/lessonParts';

/** Controls that `?hide=` can hide in this lesson. */
export const GAN_HIDEABLE = [
  'modes',
  ...TRAIN_HIDEABLE,
  ...LOSSES_HIDEABLE,
  ...DIGITS_HIDEABLE,
] as const;

export const ganLesson: LessonDefinition<GanConfig> = {
  id: 'gan',
  schema: ganConfigSchema,
  defaults: ganDefaults,
  modeDefaults: ganModeDefaults,
  stepCount: (config) => {
    switch (config.mode) {
      case 'train':
        return trainStepCount(config);
      case 'losses':
        return lossesStepCount(config);
      case 'digits':
        return digitsStepCount(config);
    }
  },
  getResult: (config) => {
    switch (config.mode) {
      case 'train':
        return trainResult(config);
      case 'losses':
        return lossesResult(config);
      case 'digits':
        return digitsResult(config);
    }
  },
  hideable: GAN_HIDEABLE,
};
