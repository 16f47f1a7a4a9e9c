/**
 * The config editor's text model, free of Monaco: format a config as JSON, check an edited
 * text through the same path links and the embed API use (`mergeConfig`: the lesson's zod
 * schema with its own refinements), locate each problem in the text for a marker, and derive
 * the JSON Schema that drives completion and hover. It only ever parses JSON: nothing typed
 * in the editor is run.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { lessonDefinition, mergeConfig, type LessonId } from '../store/lessonRegistry';

/** A problem with its place in the text (offsets in UTF-16 code units, as Monaco counts). */
export interface TextProblem {
  /** Dotted path (`config.stride`), or `json` for a syntax error. */
  field: string;
  message: string;
  offset: number;
  length: number;
}

export type CheckResult =
  { ok: true; config: unknown } | { ok: false; syntax: boolean; problems: TextProblem[] };

/**
 * Pretty JSON that stays readable for matrices: arrays of numbers (and other scalars) go on
 * one line, so a 28×28 drawing is 28 lines, not 784.
 */
export function formatConfig(config: unknown, indent = 0): string {
  const pad = '  '.repeat(indent);
  const inner = '  '.repeat(indent + 1);
  if (Array.isArray(config)) {
    if (config.length === 0) return '[]';
    if (config.every((v) => v === null || typeof v !== 'object')) {
      return `[${config.map((v) => JSON.stringify(v)).join(', ')}]`;
    }
    return `[\n${config.map((v) => inner + formatConfig(v, indent + 1)).join(',\n')}\n${pad}]`;
  }
  if (config !== null && typeof config === 'object') {
    const entries = Object.entries(config).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries
      .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatConfig(v, indent + 1)}`)
      .join(',\n')}\n${pad}}`;
  }
  return JSON.stringify(config) ?? 'null';
}

/** JSON with object keys sorted, so configs that differ only in key order compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

export const sameConfig = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

/**
 * The node a dotted problem path points at, or the deepest one that exists on the way (a
 * missing field is marked on the object that lacks it). For a field inside an object the
 * property's key is returned, so the marker sits on the name the user reads.
 */
export function locatePath(root: Node | undefined, segments: readonly string[]): Node | undefined {
  let node = root;
  let keyNode: Node | undefined;
  for (const segment of segments) {
    if (!node) break;
    if (node.type === 'object') {
      const prop = node.children?.find((p) => p.children?.[0]?.value === segment);
      if (!prop?.children?.[1]) break;
      keyNode = prop.children[0];
      node = prop.children[1];
    } else if (node.type === 'array' && /^\d+$/.test(segment)) {
      const child = node.children?.[Number(segment)];
      if (!child) break;
      keyNode = undefined;
      node = child;
    } else {
      break;
    }
  }
  // Scalars are marked where they stand; objects and arrays by their key (or their opening).
  if (node && node !== root && (node.type === 'object' || node.type === 'array') && keyNode) {
    return keyNode;
  }
  return node;
}

/** zod names unknown keys only in the message; find them so the marker lands on the key. */
function unknownKeys(message: string): string[] {
  const m = /^Unrecognized keys?: (.*)$/.exec(message);
  if (!m) return [];
  return [...m[1]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!);
}

/**
 * Where a problem with this dotted path (from the document's root, e.g. `steps.2.config.stride`)
 * sits in the text: on the key of the field, on an unknown key zod names, or on the document's
 * opening brace when the problem is about the whole document.
 */
export function problemRange(
  root: Node | undefined,
  segments: readonly string[],
  message: string,
): { offset: number; length: number } {
  let node = locatePath(root, segments);
  const extra = unknownKeys(message);
  if (node?.type === 'object' && extra.length > 0) {
    const prop = node.children?.find((p) => extra.includes(String(p.children?.[0]?.value)));
    if (prop?.children?.[0]) node = prop.children[0];
  }
  // The whole document: mark its opening brace rather than every line.
  if (!node || node === root) return { offset: root?.offset ?? 0, length: 1 };
  return { offset: node.offset, length: Math.max(1, node.length) };
}

export type ParsedText =
  { ok: true; root: Node; value: unknown } | { ok: false; problems: TextProblem[] };

/** Parses strict JSON (no comments, no trailing commas); syntax errors come back as problems. */
export function parseJsonText(text: string): ParsedText {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    const list = errors.length
      ? errors
      : [{ error: 0 as ParseError['error'], offset: 0, length: text.length }];
    return {
      ok: false,
      problems: list.map((e) => ({
        field: 'json',
        message: errors.length ? describeParseError(printParseErrorCode(e.error)) : 'empty',
        offset: e.offset,
        length: Math.max(1, e.length),
      })),
    };
  }
  return { ok: true, root, value: JSON.parse(text) as unknown };
}

/**
 * Checks the editor's text as the lesson's config. Valid JSON is merged over the lesson's
 * defaults (a field left out takes its default; a new `mode` starts from that mode's
 * defaults) and validated by the lesson's schema, exactly as a link or `setConfig` is.
 */
export function checkConfigText(lesson: LessonId, text: string): CheckResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, syntax: true, problems: parsed.problems };
  const merged = mergeConfig(lesson, lessonDefinition(lesson).defaults, parsed.value);
  if (merged.ok) return { ok: true, config: merged.config };
  return {
    ok: false,
    syntax: false,
    problems: merged.problems.map((p) => ({
      ...p,
      // The problem paths start with `config`: the text is the config itself.
      ...problemRange(parsed.root, p.field.split('.').slice(1), p.message),
    })),
  };
}

/** jsonc-parser's codes (`CommaExpected`) as words (`comma expected`). */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The defaults of the mode the config is in (or the lesson's defaults without modes). */
export function defaultsFor(lesson: LessonId, config: unknown): unknown {
  const def = lessonDefinition(lesson);
  const mode = (config as { mode?: unknown } | null)?.mode;
  return (typeof mode === 'string' && def.modeDefaults?.[mode]) || def.defaults;
}

export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type JsonSchemaNode = Record<string, unknown>;

/**
 * The lesson's JSON Schema, from its zod schema (`z.toJSONSchema`, input side: fields with
 * defaults are optional). Fields without a `.describe()` get a description made from their
 * constraints and default, in the user's language, so hover always says something useful.
 * Refinements (`superRefine`) cannot be expressed in JSON Schema: `checkConfigText` reports those.
 */
export function lessonJsonSchema(lesson: LessonId, t: Translate): JsonSchemaNode {
  let schema: JsonSchemaNode;
  try {
    schema = z.toJSONSchema(lessonDefinition(lesson).schema, {
      io: 'input',
      unrepresentable: 'any',
      target: 'draft-7',
    });
  } catch {
    return {};
  }
  describeNode(schema, t, undefined);
  return schema;
}

function describeNode(node: unknown, t: Translate, key: string | undefined): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as JsonSchemaNode;
  if (key !== undefined && typeof n.description !== 'string') {
    const words = autoDescription(n, t, key);
    if (words) n.description = words;
  }
  const props = n.properties as Record<string, unknown> | undefined;
  if (props) for (const [k, v] of Object.entries(props)) describeNode(v, t, k);
  for (const list of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
    const branches = n[list];
    if (Array.isArray(branches)) for (const b of branches) describeNode(b, t, key);
  }
  if (n.items) describeNode(n.items, t, undefined);
  if (n.additionalProperties && typeof n.additionalProperties === 'object')
    describeNode(n.additionalProperties, t, undefined);
}

function autoDescription(n: JsonSchemaNode, t: Translate, key: string): string {
  const parts: string[] = [];
  if (key === 'mode' && 'const' in n) parts.push(t('tools.editor.describe.mode'));
  if (n.type === 'integer') parts.push(t('tools.editor.describe.integer'));
  const min = n.minimum;
  const max = n.maximum;
  if (typeof min === 'number' && typeof max === 'number')
    parts.push(t('tools.editor.describe.range', { min, max }));
  else if (typeof min === 'number') parts.push(t('tools.editor.describe.min', { min }));
  else if (typeof max === 'number') parts.push(t('tools.editor.describe.max', { max }));
  if (Array.isArray(n.enum))
    parts.push(
      t('tools.editor.describe.oneOf', {
        values: n.enum.map((v) => JSON.stringify(v)).join(', '),
      }),
    );
  if (typeof n.minItems === 'number' && typeof n.maxItems === 'number')
    parts.push(t('tools.editor.describe.items', { min: n.minItems, max: n.maxItems }));
  if ('default' in n)
    parts.push(t('tools.editor.describe.default', { value: JSON.stringify(n.default) }));
  return parts.join(' ');
}
