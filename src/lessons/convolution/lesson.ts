import type { LessonDefinition } from '../../store/lessonRegistry';
import { CNN_LAYERS } from './cnn';
import { convConfigSchema, convDefaults, type ConvConfig } from './config';
import { modelResult } from './digits';

/** Controls that `?hide=` can hide in this lesson. */
export const CONV_HIDEABLE = ['draw', 'samples', 'input', 'prediction', 'layers'] as const;

export const convolutionLesson: LessonDefinition<ConvConfig> = {
  id: 'convolution',
  schema: convConfigSchema,
  defaults: convDefaults,
  // One step per layer of the network, input first.
  stepCount: () => CNN_LAYERS.length,
  getResult: (config) => modelResult(config),
  hideable: CONV_HIDEABLE,
};
