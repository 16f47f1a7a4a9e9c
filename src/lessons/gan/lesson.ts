import { z } from 'zod';
import type { LessonDefinition } from '../../store/lessonRegistry';

/**
 * Until this lesson lands it shows an introduction: its config has no fields yet, so links
 * and the embed API can open it but not configure it (unknown fields are reported).
 */
export const ganConfigSchema = z.object({}).strict();
export type GanConfig = z.infer<typeof ganConfigSchema>;

export const ganLesson: LessonDefinition<GanConfig> = {
  id: 'gan',
  schema: ganConfigSchema,
  defaults: {},
  stepCount: () => 1,
  hideable: [],
};
