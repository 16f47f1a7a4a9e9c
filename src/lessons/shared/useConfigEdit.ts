import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { problemsOf, type LessonId } from '../../store/lessonRegistry';
import { useAppStore } from '../../store/store';

/**
 * Edits of a view's config through its schema: `edit(patch)` validates the config with the
 * patch applied and stores it, or keeps the last good config and sets `problem` to a line naming
 * each bad field (`config.y: …`), the same messages links and the embed API get. It returns
 * whether the change was applied.
 */
export function useConfigEdit<C extends object>(
  lesson: LessonId,
  schema: z.ZodType<C>,
  config: C,
): { edit: (patch: Partial<C>) => boolean; problem: string | null } {
  const setConfig = useAppStore((s) => s.setConfig);
  const [problem, setProblem] = useState<string | null>(null);
  const edit = useCallback(
    (patch: Partial<C>) => {
      const result = schema.safeParse({ ...config, ...patch });
      if (result.success) {
        setProblem(null);
        setConfig(lesson, result.data);
        return true;
      }
      setProblem(
        problemsOf(result.error, 'config')
          .map((p) => `${p.field}: ${p.message}`)
          .join('; '),
      );
      return false;
    },
    [lesson, schema, config, setConfig],
  );
  return { edit, problem };
}
