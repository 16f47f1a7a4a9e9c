/**
 * Tours: a titled list of steps, each a lesson, a (partial) config, a step and a caption in
 * one or both languages. The zod schema checks the shape; `validateTour` then checks each
 * step's config against its lesson's own schema (through mergeConfig) and its step against
 * the lesson's step count, so every problem names its field: `steps.2.config.stride`.
 * The same schema gives the editor its JSON Schema (`tourJsonSchema`).
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { z } from 'zod';
import {
  LESSON_IDS,
  lessonDefinition,
  mergeConfig,
  problemsOf,
  type FieldProblem,
  type LessonId,
} from './lessonRegistry';

export const TOUR_VERSION = 1;
export const TOUR_LIMITS = { steps: 100, text: 2000, title: 200 } as const;

/** Text in one or both languages; a plain string counts as English. */
const localizedText = (max: number) =>
  z.union([
    z.string().min(1, 'must not be empty').max(max, `is at most ${max} characters`),
    z
      .object({
        en: z.string().max(max, `is at most ${max} characters`).optional(),
        'zh-CN': z.string().max(max, `is at most ${max} characters`).optional(),
      })
      .strict()
      .refine((t) => Boolean(t.en || t['zh-CN']), {
        message: 'needs the text in at least one language: en or zh-CN',
      }),
  ]);

export type LocalizedText = z.infer<ReturnType<typeof localizedText>>;

export const tourStepSchema = z
  .object({
    lesson: z.enum(LESSON_IDS, { error: `must be one of ${LESSON_IDS.join(', ')}` }),
    /** Merged over the lesson's defaults (or its mode's defaults when `mode` is given). */
    config: z
      .record(z.string(), z.unknown(), { error: 'must be an object (a full or partial config)' })
      .default({})
      .describe(
        "The lesson's config, full or partial: given fields replace the lesson's defaults " +
          "(a `mode` picks that mode's defaults first). Validated by the lesson's own schema.",
      ),
    step: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'is at least 0')
      .default(0)
      .describe("The lesson's step (0 = first) this tour step opens at."),
    caption: localizedText(TOUR_LIMITS.text).describe(
      'What the presenter says at this step: a string, or {"en": …, "zh-CN": …}. ' +
        'Formulas go between dollar signs in TeX, e.g. $QK^\\top / \\sqrt{d_k}$ (\\$ for a dollar sign).',
    ),
  })
  .strict();

export const tourSchema = z
  .object({
    version: z.literal(TOUR_VERSION, { error: `must be ${TOUR_VERSION}` }).default(TOUR_VERSION),
    title: localizedText(TOUR_LIMITS.title).describe('The tour’s title.'),
    steps: z
      .array(tourStepSchema)
      .min(1, 'a tour needs at least 1 step')
      .max(TOUR_LIMITS.steps, `a tour has at most ${TOUR_LIMITS.steps} steps`),
  })
  .strict();

/** A tour as written (partial configs). */
export type TourInput = z.input<typeof tourSchema>;

/** A checked tour: every step's config is the lesson's full, validated config. */
export interface Tour {
  title: LocalizedText;
  steps: { lesson: LessonId; config: unknown; step: number; caption: LocalizedText }[];
}

/** JSON Schema (draft 2020-12) of a tour, for the config editor's completion and markers. */
export function tourJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(tourSchema, { io: 'input', unrepresentable: 'any' });
}

export type TourResult = { ok: true; tour: Tour } | { ok: false; problems: FieldProblem[] };

/** Checks a tour (already parsed from JSON) against the tour schema and each lesson's schema. */
export function validateTour(value: unknown): TourResult {
  const parsed = tourSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error, '') };
  const problems: FieldProblem[] = [];
  const steps: Tour['steps'] = [];
  parsed.data.steps.forEach((s, i) => {
    const def = lessonDefinition(s.lesson);
    const merged = mergeConfig(s.lesson, def.defaults, s.config);
    if (!merged.ok) {
      problems.push(...merged.problems.map((p) => ({ ...p, field: `steps.${i}.${p.field}` })));
      return;
    }
    const count = def.stepCount(merged.config);
    if (s.step >= count) {
      problems.push({
        field: `steps.${i}.step`,
        message: `this config has steps 0 to ${count - 1}`,
      });
      return;
    }
    steps.push({ lesson: s.lesson, config: merged.config, step: s.step, caption: s.caption });
  });
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, tour: { title: parsed.data.title, steps } };
}

/** Parses tour JSON text; a syntax error is reported as a problem of the whole tour. */
export function parseTour(text: string): TourResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      problems: [{ field: 'tour', message: `is not valid JSON (${(e as Error).message})` }],
    };
  }
  return validateTour(value);
}

/** The text of a localized string in a language, falling back to the other one. */
export function localize(text: LocalizedText, lang: string): string {
  if (typeof text === 'string') return text;
  return (lang === 'zh-CN' ? (text['zh-CN'] ?? text.en) : (text.en ?? text['zh-CN'])) ?? '';
}

/**
 * A config as a tour writes it: only the top-level fields that differ from the defaults it is
 * merged over (the mode's defaults when the lesson has modes; `mode` itself is always kept).
 */
export function compactConfig(lesson: LessonId, config: unknown): Record<string, unknown> {
  const def = lessonDefinition(lesson);
  const full = config as Record<string, unknown>;
  const mode = full.mode;
  const base = ((typeof mode === 'string' ? def.modeDefaults?.[mode] : undefined) ??
    def.defaults) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(full).filter(
      ([k, v]) => k === 'mode' || JSON.stringify(v) !== JSON.stringify(base[k]),
    ),
  );
}

/** A checked tour written back as compact JSON (what the editor and links hold). */
export function tourToJson(tour: Tour): TourInput {
  return {
    version: TOUR_VERSION,
    title: tour.title,
    steps: tour.steps.map((s) => ({
      lesson: s.lesson,
      config: compactConfig(s.lesson, s.config),
      step: s.step,
      caption: s.caption,
    })),
  };
}

/** The `tour=` value of a link: the tour JSON compressed with lz-string (URL-safe). */
export function encodeTour(tour: Tour): string {
  return compressToEncodedURIComponent(JSON.stringify(tourToJson(tour)));
}

/** Reads a `tour=` value; a damaged link or a bad tour gives problems naming the field. */
export function decodeTour(packed: string): TourResult {
  const json = decompressFromEncodedURIComponent(packed);
  if (!json) {
    return {
      ok: false,
      problems: [{ field: 'tour', message: 'the link is damaged (it could not be decoded)' }],
    };
  }
  return parseTour(json);
}
