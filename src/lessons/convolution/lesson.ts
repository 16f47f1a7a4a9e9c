import type { LessonDefinition } from '../../store/lessonRegistry';
import { CNN_LAYERS } from './cnn';
import {
  convConfigSchema,
  convDefaults,
  modelDefaults,
  SANDBOX_HIDEABLE,
  sandboxDefaults,
  type ConvConfig,
} from './config';
import { modelResult } from './digits';
import { sandboxResult } from './sandbox/result';
import { sandboxStepCount } from './sandbox/tensors';
import { unitInRange, unitStepCount } from './unitDetail';

/** Controls that `?hide=` can hide in this lesson. */
export const CONV_HIDEABLE = [
  'modes',
  'draw',
  'samples',
  'input',
  'prediction',
  'network',
  'layers',
  ...SANDBOX_HIDEABLE,
] as const;

export const convolutionLesson: LessonDefinition<ConvConfig> = {
  id: 'convolution',
  schema: convConfigSchema,
  defaults: convDefaults,
  modeDefaults: { model: modelDefaults, sandbox: sandboxDefaults },
  // Model view: one step per layer, or per step of the open unit's computation.
  // Sandbox: one step per output cell of the sliding window.
  stepCount: (config) => {
    if (config.mode === 'sandbox') return sandboxStepCount(config);
    return config.unit && unitInRange(config.unit) ? unitStepCount(config.unit) : CNN_LAYERS.length;
  },
  getResult: (config) => (config.mode === 'model' ? modelResult(config) : sandboxResult(config)),
  hideable: CONV_HIDEABLE,
};
