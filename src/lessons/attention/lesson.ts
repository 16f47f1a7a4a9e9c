import { z } from 'zod';
import type { LessonDefinition } from '../../store/lessonRegistry';

/**
 * Until this lesson lands it shows an introduction: its config has no fields yet, so links
 * and the embed API can open it but not configure it (unknown fields are reported).
 */
export const attentionConfigSchema = z.object({}).strict();
export type AttentionConfig = z.infer<typeof attentionConfigSchema>;

export const attentionLesson: LessonDefinition<AttentionConfig> = {
  id: 'attention',
  schema: attentionConfigSchema,
  defaults: {},
  stepCount: () => 1,
  hideable: [],
};
