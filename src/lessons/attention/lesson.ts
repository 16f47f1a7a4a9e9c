import type { LessonDefinition } from '../../store/lessonRegistry';
import { attnConfigSchema, attnDefaults, attnModeDefaults, type AttnConfig } from './config';
import { MODEL_HIDEABLE, modelResult, modelStepCount } from './model/lessonParts';
import { SANDBOX_HIDEABLE, sandboxResult, sandboxStepCount } from './sandbox/lessonParts';

/** Controls that `?hide=` can hide in this lesson. */
export const ATTN_HIDEABLE = ['modes', ...MODEL_HIDEABLE, ...SANDBOX_HIDEABLE] as const;

export const attentionLesson: LessonDefinition<AttnConfig> = {
  id: 'attention',
  schema: attnConfigSchema,
  defaults: attnDefaults,
  modeDefaults: attnModeDefaults,
  stepCount: (config) =>
    config.mode === 'model' ? modelStepCount(config) : sandboxStepCount(config),
  getResult: (config) => (config.mode === 'model' ? modelResult(config) : sandboxResult(config)),
  hideable: ATTN_HIDEABLE,
};
