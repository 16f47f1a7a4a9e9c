/**
 * Runs a transformer of the model view on a text in the inference worker and slices what the
 * view shows out of its named outputs: the first n (text length) positions of every [1, T, ·]
 * output, and the n × n corner of every [1, T, T] attention matrix.
 */
import { nextTokenDistribution, topEntries } from '../../../core/sampling';
import type { Tensor } from '../../../core/tensor';
import { loadModel, runModel } from '../../../store/runtime';
import { latestOnly } from '../../shared/latestOnly';
import type { AttnModel, ModelConfig, SamplingConfig } from './config';
import {
  encodeText,
  headOutput,
  LOGITS,
  padIds,
  TOKENS_INPUT,
  transformerSpec,
  type TransformerSpec,
} from '../../../runtime/transformer';

export interface TransformerRun {
  model: AttnModel;
  text: string;
  spec: TransformerSpec;
  /** The text's characters, one per token. */
  chars: string[];
  ids: number[];
  /** Characters not in the vocabulary (read as the unknown token). */
  unknown: boolean[];
  /** Characters left out: not in the vocabulary of a model without an unknown token. */
  dropped: string[];
  outputs: Record<string, Tensor>;
}

/** A [rows × cols] row-major matrix cut out of a model output. */
export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

const specs = new Map<AttnModel, Promise<TransformerSpec>>();

/** The model's spec from its card, loading the model (with progress) the first time. */
export function loadSpec(model: AttnModel): Promise<TransformerSpec> {
  let p = specs.get(model);
  if (!p) {
    p = loadModel(model).then(transformerSpec);
    specs.set(model, p);
    p.catch(() => specs.delete(model));
  }
  return p;
}

async function run({ model, text }: { model: AttnModel; text: string }): Promise<TransformerRun> {
  const spec = await loadSpec(model);
  const { chars, ids, unknown, dropped } = tokenize(spec, text);
  const outputs = await runModel(model, {
    [TOKENS_INPUT]: { data: padIds(spec, ids), dims: [1, spec.context] },
  });
  if (chars.length === 0) throw new Error('none of the characters is in the vocabulary');
  return { model, text, spec, chars, ids, unknown, dropped, outputs };
}

/**
 * The text as the model reads it, character by character: each one's id, and whether it was
 * outside the vocabulary (read as the unknown token; dropped if the model has none). At most
 * the context's length.
 */
export function tokenize(spec: TransformerSpec, text: string) {
  const chars: string[] = [];
  const ids: number[] = [];
  const unknown: boolean[] = [];
  const dropped: string[] = [];
  for (const ch of Array.from(text)) {
    if (chars.length >= spec.context) break;
    const e = encodeText(spec, ch);
    if (e.ids.length === 0) {
      dropped.push(ch);
      continue;
    }
    chars.push(ch);
    ids.push(e.ids[0]!);
    unknown.push(e.unknown.length > 0);
  }
  return { chars, ids, unknown, dropped };
}

/** Runs the model on a text; while typing, only the newest text waits for the busy worker. */
export const runTransformer = latestOnly(run);

/** Runs until the answer is for this model and text (a newer caller may have won meanwhile). */
export async function runFor(model: AttnModel, text: string): Promise<TransformerRun> {
  let r = await runTransformer({ model, text });
  for (let i = 0; i < 3 && (r.model !== model || r.text !== text); i++)
    r = await runTransformer({ model, text });
  if (r.model !== model || r.text !== text) r = await run({ model, text });
  return r;
}

/** The first n rows of a [1, T, C] output, or the n × n corner of a [1, T, T] one. */
export function sliceOutput(r: TransformerRun, name: string, square = false): Matrix {
  const t = r.outputs[name];
  if (!t) throw new Error(`the model has no output named ${name}`);
  const T = t.dims[t.dims.length - 2]!;
  const C = t.dims[t.dims.length - 1]!;
  const n = r.chars.length;
  if (!square) return { data: t.data.slice(0, n * C), rows: n, cols: C };
  const data = new Float32Array(n * n);
  for (let i = 0; i < n; i++) data.set(t.data.subarray(i * T, i * T + n), i * n);
  void C;
  return { data, rows: n, cols: n };
}

/** Row i of a matrix as a plain array. */
export const rowOf = (m: Matrix, i: number): number[] =>
  Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));

/** The logits at the last real position: the scores of the next token. */
export function nextLogits(r: TransformerRun): Float32Array {
  const t = r.outputs[LOGITS];
  if (!t) throw new Error(`the model has no output named ${LOGITS}`);
  const V = t.dims[t.dims.length - 1]!;
  const n = r.chars.length;
  return t.data.slice((n - 1) * V, n * V);
}

/** A vocabulary entry as shown: visible names for blank and control characters. */
export function showToken(token: string): string {
  if (token === ' ') return '␣';
  if (token === '\n') return '⏎';
  if (token === '\t') return '⇥';
  if (token === '') return '∅';
  return token;
}

/** The top-10 of the next-token distribution after temperature, top-k and top-p. */
export function nextTop(r: TransformerRun, sampling: SamplingConfig, count = 10) {
  const probs = nextTokenDistribution(nextLogits(r), sampling);
  return {
    probs,
    top: topEntries(probs, count).map(({ index, probability }) => ({
      token: r.spec.vocab[index] ?? '',
      id: index,
      probability,
    })),
  };
}

/** The embed API's getResult for the model view. */
export async function modelViewResult(config: ModelConfig) {
  const r = await runFor(config.model, config.text);
  const weights = sliceOutput(r, headOutput(config.layer, config.head, 'weights'), true);
  return {
    model: config.model,
    tokens: r.chars,
    ids: r.ids,
    layer: config.layer,
    head: config.head,
    weights: Array.from({ length: weights.rows }, (_, i) => rowOf(weights, i)),
    next: nextTop(r, config.sampling).top,
  };
}
