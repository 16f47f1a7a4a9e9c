/**
 * The tour editor's text model, free of Monaco: the text a new tour starts from, the check of
 * an edited tour (`validateTour`: the tour schema, then each step's config against its
 * lesson's schema) with every problem located in the text, and the tour's JSON Schema for
 * completion and hover — where a step's `config` gets the schema of the lesson that step
 * names. Like the config editor, it only ever parses JSON: nothing typed is run.
 */
import { z } from 'zod';
import { LESSON_IDS, type LessonId } from '../store/lessonRegistry';
import {
  compactConfig,
  tourSchema,
  tourToJson,
  TOUR_VERSION,
  validateTour,
  type Tour,
  type TourInput,
} from '../store/tour';
import {
  formatConfig,
  lessonJsonSchema,
  parseJsonText,
  problemRange,
  type JsonSchemaNode,
  type TextProblem,
  type Translate,
} from './configText';

export type TourCheck =
  { ok: true; tour: Tour } | { ok: false; syntax: boolean; problems: TextProblem[] };

/** What the app knows when a tour is started in the editor. */
export interface TourStart {
  /** The tour being played, if any: the editor starts from it. */
  playing: Tour | null;
  lesson: LessonId;
  config: unknown;
  step: number;
  /** The title a new tour gets (in the user's language). */
  title: string;
}

/**
 * The tour a teacher starts from: the one playing, or one step made from the current view
 * (its lesson, the config written compactly, its step) with an empty caption to fill in —
 * which the check marks at once, so the first marker says what to write.
 */
export function startingTour(start: TourStart): TourInput {
  if (start.playing) return tourToJson(start.playing);
  return {
    version: TOUR_VERSION,
    title: start.title,
    steps: [
      {
        lesson: start.lesson,
        config: compactConfig(start.lesson, start.config),
        step: start.step,
        caption: '',
      },
    ],
  };
}

/** A tour as the editor shows it (any JSON value: the text may hold a tour being written). */
export const formatTour = (tour: unknown): string => formatConfig(tour);

/** Checks the editor's text as a tour; each problem carries its path and its place. */
export function checkTourText(text: string): TourCheck {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, syntax: true, problems: parsed.problems };
  const result = validateTour(parsed.value);
  if (result.ok) return { ok: true, tour: result.tour };
  return {
    ok: false,
    syntax: false,
    problems: result.problems.map((p) => ({
      // A problem of the whole document (an unknown top-level key) has an empty path.
      field: p.field || 'tour',
      message: p.message,
      ...problemRange(parsed.root, p.field ? p.field.split('.') : [], p.message),
    })),
  };
}

/**
 * The tour's JSON Schema (draft-7, input side) with descriptions in the user's language, and
 * one `if lesson = … then config = that lesson's schema` rule per lesson, so completion and
 * hover inside a step's config offer that lesson's fields.
 */
export function tourEditorJsonSchema(t: Translate): JsonSchemaNode {
  let schema: JsonSchemaNode;
  try {
    schema = z.toJSONSchema(tourSchema, {
      io: 'input',
      unrepresentable: 'any',
      target: 'draft-7',
    });
  } catch {
    return {};
  }
  const props = schema.properties as Record<string, JsonSchemaNode> | undefined;
  const steps = props?.steps;
  const step = steps?.items as JsonSchemaNode | undefined;
  const stepProps = step?.properties as Record<string, JsonSchemaNode> | undefined;
  if (!props || !steps || !step || !stepProps) return schema;
  const describe = (node: JsonSchemaNode | undefined, key: string) => {
    if (node) node.description = t(`tools.tourEditor.describe.${key}`);
  };
  describe(props.version, 'version');
  describe(props.title, 'title');
  describe(steps, 'steps');
  describe(stepProps.lesson, 'lesson');
  describe(stepProps.config, 'config');
  describe(stepProps.step, 'step');
  describe(stepProps.caption, 'caption');

  const definitions: Record<string, unknown> = {
    ...((schema.definitions as Record<string, unknown> | undefined) ?? {}),
  };
  step.allOf = LESSON_IDS.map((id) => ({
    if: { properties: { lesson: { const: id } }, required: ['lesson'] },
    then: { properties: { config: embedSchema(lessonJsonSchema(id, t), id, definitions) } },
  }));
  if (Object.keys(definitions).length > 0) schema.definitions = definitions;
  return schema;
}

/**
 * A lesson's schema placed inside the tour's: its own `$schema` dropped and its definitions
 * (if zod made any) moved to the root under the lesson's name, with the references to them
 * rewritten, so `#/definitions/…` still resolves.
 */
function embedSchema(
  lessonSchema: JsonSchemaNode,
  lesson: LessonId,
  definitions: Record<string, unknown>,
): JsonSchemaNode {
  const { definitions: own, ...rest } = lessonSchema;
  delete rest.$schema;
  const rename = (node: unknown): unknown =>
    JSON.parse(
      JSON.stringify(node).replaceAll('"#/definitions/', `"#/definitions/${lesson}__`),
    ) as unknown;
  if (own && typeof own === 'object') {
    for (const [name, def] of Object.entries(own)) definitions[`${lesson}__${name}`] = rename(def);
  }
  return rename(rest) as JsonSchemaNode;
}
