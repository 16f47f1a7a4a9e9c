/**
 * Lessons register themselves here (id, config schema, defaults, steps, embed handlers), so
 * the store, the URL sync and the embed bridge stay generic and never import a lesson.
 */
import type { z } from 'zod';

export const LESSON_IDS = ['attention', 'convolution', 'gan', 'basics'] as const;
export type LessonId = (typeof LESSON_IDS)[number];
export const DEFAULT_LESSON: LessonId = 'convolution';

export function isLessonId(v: unknown): v is LessonId {
  return typeof v === 'string' && (LESSON_IDS as readonly string[]).includes(v);
}

export interface LessonDefinition<C = unknown> {
  id: LessonId;
  /** Validates a whole config; the same schema serves links, the editor and the embed API. */
  schema: z.ZodType<C>;
  defaults: C;
  /**
   * For lessons whose config has a `mode` discriminator: the defaults of each mode. A patch
   * that changes the mode is merged over that mode's defaults instead of the old config.
   */
  modeDefaults?: Record<string, C>;
  /** Number of steps the lesson can be stepped through (≥ 1). */
  stepCount: (config: C) => number;
  /** Answers the embed API's getResult with the numbers the view shows, as plain arrays. */
  getResult?: (config: C, step: number) => Promise<unknown>;
  /** Names of controls `?hide=` may hide in this lesson. */
  hideable: readonly string[];
}

const registry = new Map<LessonId, LessonDefinition>();

export function registerLesson<C>(def: LessonDefinition<C>): void {
  registry.set(def.id, def as unknown as LessonDefinition);
}

export function lessonDefinition(id: LessonId): LessonDefinition {
  const def = registry.get(id);
  if (!def) throw new Error(`lesson "${id}" is not registered`);
  return def;
}

/** A problem with a config or message, naming the field (dotted path) it concerns. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Flattens zod issues into "field: message" problems, with the given path prefix. When no
 * branch of a union matched, the problems of the closest branch (fewest issues) are reported,
 * so `{digit: {sample: "x"}}` names `digit.sample`, not just "digit: Invalid input".
 */
export function problemsOf(error: z.ZodError, prefix: string): FieldProblem[] {
  const flatten = (
    issues: readonly z.core.$ZodIssue[],
    base: readonly PropertyKey[],
  ): FieldProblem[] =>
    issues.flatMap((issue) => {
      const path = [...base, ...issue.path];
      if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        const closest = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
        if (closest.length > 0) return flatten(closest, path);
      }
      return [
        { field: [prefix, ...path.map(String)].filter(Boolean).join('.'), message: issue.message },
      ];
    });
  return flatten(error.issues, []);
}

/**
 * Validates a partial config merged over `base` (shallow: a given top-level field replaces
 * the old one). Returns the new config, or the problems naming each bad field.
 */
export function mergeConfig(
  id: LessonId,
  base: unknown,
  patch: unknown,
): { ok: true; config: unknown } | { ok: false; problems: FieldProblem[] } {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return { ok: false, problems: [{ field: 'config', message: 'must be an object' }] };
  }
  const def = lessonDefinition(id);
  const mode = (patch as { mode?: unknown }).mode;
  const baseMode = (base as { mode?: unknown } | null)?.mode;
  const modeBase =
    typeof mode === 'string' && mode !== baseMode ? def.modeDefaults?.[mode] : undefined;
  const merged = { ...((modeBase ?? base) as object), ...patch };
  const result = def.schema.safeParse(merged);
  return result.success
    ? { ok: true, config: result.data }
    : { ok: false, problems: problemsOf(result.error, 'config') };
}
