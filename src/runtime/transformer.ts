import { z } from 'zod';
import { architectureSchema, taskSchema, tokenizerSchema } from './modelCard';

/**
 * The Attention lesson's models (models/char_gpt_en, char_gpt_zh, toy_reverse): what their
 * cards say about the network and the tokenizer, and the names of their graph outputs.
 * Components get output names from here, never from string templates of their own.
 */

const transformerCardSchema = z.object({
  name: z.string(),
  architecture: architectureSchema,
  tokenizer: tokenizerSchema,
  task: taskSchema.optional(),
});

export type TransformerTask = z.infer<typeof taskSchema>;

export interface TransformerSpec {
  name: string;
  layers: number;
  heads: number;
  dModel: number;
  dK: number;
  dV: number;
  dFF: number;
  /** T: the model always takes exactly this many tokens (shorter text is padded). */
  context: number;
  positional: 'learned' | 'sinusoidal';
  /** `vocab[id]` is the token's text; pad/unk are markers like `<pad>`. */
  vocab: readonly string[];
  pad: number;
  unk: number | null;
  task?: TransformerTask;
}

/** Reads the transformer fields of a model card (a ModelCard or raw JSON); throws (ZodError) when they are missing. */
export function transformerSpec(card: unknown): TransformerSpec {
  const { name, architecture: a, tokenizer: t, task } = transformerCardSchema.parse(card);
  const size = t.vocab.length;
  if (t.pad >= size) throw new Error(`${name}: pad id ${t.pad} is outside the vocabulary`);
  if (t.unk !== null && t.unk >= size)
    throw new Error(`${name}: unk id ${t.unk} is outside the vocabulary`);
  return {
    name,
    layers: a.layers,
    heads: a.heads,
    dModel: a.dModel,
    dK: a.dK,
    dV: a.dV,
    dFF: a.dFF,
    context: a.context,
    positional: a.positional,
    vocab: t.vocab,
    pad: t.pad,
    unk: t.unk,
    ...(task ? { task } : {}),
  };
}

/** Per-head stages, in graph order: embeddings → Q,K,V → QKᵀ → ÷√d_k → mask → softmax → ×V. */
export const HEAD_PARTS = ['q', 'k', 'v', 'scores', 'scaled', 'masked', 'weights', 'out'] as const;
export type HeadPart = (typeof HEAD_PARTS)[number];

/** Per-layer stages after the heads, in graph order (post-LayerNorm block). */
export const LAYER_PARTS = [
  'concat',
  'proj',
  'resid1',
  'norm1',
  'mlp_hidden',
  'mlp_out',
  'resid2',
  'norm2',
] as const;
export type LayerPart = (typeof LAYER_PARTS)[number];

/** [1, T, D] token embeddings, positional encodings and their sum (the first layer's input). */
export const TOK_EMB = 'tok_emb';
export const POS_EMB = 'pos_emb';
export const EMBED = 'embed';
/** [1, T, V] next-token scores. */
export const LOGITS = 'logits';
/** The model's one input: [1, T] token ids as float32. */
export const TOKENS_INPUT = 'tokens';

/** Name of a head's output, e.g. `l1.h3.weights` ([1, T, T]); layer and head count from 0. */
export function headOutput(layer: number, head: number, part: HeadPart): string {
  return `l${layer}.h${head}.${part}`;
}

/** Name of a layer's output, e.g. `l0.norm2` ([1, T, D], the block's output). */
export function layerOutput(layer: number, part: LayerPart): string {
  return `l${layer}.${part}`;
}

/** Every graph output, in the graph's order (the card lists them in the same order). */
export function allOutputNames(spec: TransformerSpec): string[] {
  const names: string[] = [TOK_EMB, POS_EMB, EMBED];
  for (let l = 0; l < spec.layers; l++) {
    for (let h = 0; h < spec.heads; h++)
      for (const p of HEAD_PARTS) names.push(headOutput(l, h, p));
    for (const p of LAYER_PARTS) names.push(layerOutput(l, p));
  }
  names.push(LOGITS);
  return names;
}

/** Shape of a named output: [1, T, width]. */
export function outputShape(spec: TransformerSpec, name: string): [1, number, number] {
  const T = spec.context;
  if (name === LOGITS) return [1, T, spec.vocab.length];
  if (name === TOK_EMB || name === POS_EMB || name === EMBED) return [1, T, spec.dModel];
  const part = name.slice(name.lastIndexOf('.') + 1);
  const widths: Record<string, number> = {
    q: spec.dK,
    k: spec.dK,
    v: spec.dV,
    scores: T,
    scaled: T,
    masked: T,
    weights: T,
    out: spec.dV,
    concat: spec.heads * spec.dV,
    mlp_hidden: spec.dFF,
  };
  if (!allOutputNames(spec).includes(name)) throw new Error(`${spec.name} has no output ${name}`);
  return [1, T, widths[part] ?? spec.dModel];
}

function vocabIndex(spec: TransformerSpec): Map<string, number> {
  let index = indexCache.get(spec.vocab);
  if (!index) {
    index = new Map();
    spec.vocab.forEach((token, id) => {
      // Markers such as <pad> are never typed; only single characters are looked up.
      if (id !== spec.pad && id !== spec.unk && !index!.has(token)) index!.set(token, id);
    });
    indexCache.set(spec.vocab, index);
  }
  return index;
}
const indexCache = new WeakMap<readonly string[], Map<string, number>>();

/**
 * Text → token ids, one per code point (so 汉字 and emoji count as one character each).
 * Characters outside the vocabulary become the unk id (or are dropped when the model has
 * none) and are listed, once each, in `unknown`. Ids are not truncated to the context.
 */
export function encodeText(
  spec: TransformerSpec,
  text: string,
): { ids: number[]; unknown: string[] } {
  const index = vocabIndex(spec);
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const ch of text) {
    const id = index.get(ch);
    if (id !== undefined) ids.push(id);
    else {
      if (!unknown.includes(ch)) unknown.push(ch);
      if (spec.unk !== null) ids.push(spec.unk);
    }
  }
  return { ids, unknown };
}

/**
 * The model input: ids in a Float32Array of length T, padded at the end with the pad id.
 * Throws when there are more than T ids (the caller decides which window to keep).
 */
export function padIds(spec: TransformerSpec, ids: readonly number[]): Float32Array {
  const T = spec.context;
  if (ids.length > T) throw new RangeError(`${ids.length} tokens do not fit the context of ${T}`);
  const out = new Float32Array(T).fill(spec.pad);
  out.set(ids);
  return out;
}

/** Ids → text. Pad ids are skipped; unk and ids outside the vocabulary become U+FFFD. */
export function decodeIds(spec: TransformerSpec, ids: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id === spec.pad) continue;
    const token = id === spec.unk ? undefined : spec.vocab[id];
    text += token ?? '\uFFFD';
  }
  return text;
}
