/**
 * Scaled dot-product attention, step by step, as PyTorch computes it:
 *
 *   scores  = Q·Kᵀ                          [T_q, T_k]
 *   scaled  = scores / √d                    (d = the head's d_k; or ÷1 without scaling)
 *   masked  = scaled, −∞ where masked        (causal: key j > query i)
 *   weights = softmax(masked) along each row  (masked weights are exactly 0)
 *   output  = weights·V                      [T_q, d_v]
 *
 * With h heads, the columns of Q and K (d_k) and of V (d_v) are split evenly into h
 * consecutive blocks, as `torch.nn.MultiheadAttention` splits its projections: head n sees
 * columns n·d_k/h … (n+1)·d_k/h − 1. Each head runs the steps above on its block, and the
 * heads' outputs are concatenated column-wise back to [T_q, d_v].
 *
 * Matrices are plain number[][] (row-major rows), so they can be drawn, compared and sent
 * through the embed API as they are.
 */
import { softmax } from './softmax';

export type Matrix = number[][];
export type AttentionMask = 'none' | 'causal';
export type AttentionScale = 'sqrt_dk' | 'none';

export interface AttentionOptions {
  mask: AttentionMask;
  scale: AttentionScale;
  /** Number of heads; must divide d_k and d_v. */
  heads: number;
}

/** One head's intermediates. */
export interface AttentionHead {
  /** Q's columns of this head: [T_q, d_k/h]. */
  q: Matrix;
  /** K's columns of this head: [T_k, d_k/h]. */
  k: Matrix;
  /** V's columns of this head: [T_k, d_v/h]. */
  v: Matrix;
  /** q·kᵀ: [T_q, T_k]. */
  scores: Matrix;
  /** scores ÷ divisor: [T_q, T_k]. */
  scaled: Matrix;
  /** scaled with −Infinity where masked: [T_q, T_k]. */
  masked: Matrix;
  /** Row-wise softmax of masked: [T_q, T_k]; each row sums to 1, masked entries are 0. */
  weights: Matrix;
  /** weights·v: [T_q, d_v/h]. */
  output: Matrix;
}

export interface AttentionSteps {
  tq: number;
  tk: number;
  dk: number;
  dv: number;
  heads: number;
  /** Columns per head: d_k/h and d_v/h. */
  dkHead: number;
  dvHead: number;
  /** What the scores are divided by: √(d_k/h), or 1 without scaling. */
  divisor: number;
  /** mask[i][j]: whether query i may not attend to key j. [T_q, T_k] */
  mask: boolean[][];
  perHead: AttentionHead[];
  /** The heads' outputs side by side: [T_q, d_v]. */
  output: Matrix;
}

/** Whether query i may not see key j: causal masks the keys after the query (j > i). */
export function isMasked(mask: AttentionMask, i: number, j: number): boolean {
  return mask === 'causal' && j > i;
}

/**
 * A ∈ [n, m] times Bᵀ (B ∈ [p, m]) → [n, p].
 */
function matMulT(a: Matrix, b: Matrix): Matrix {
  return a.map((ra) =>
    b.map((rb) => {
      let s = 0;
      for (let c = 0; c < ra.length; c++) s += ra[c]! * rb[c]!;
      return s;
    }),
  );
}

/** A ∈ [n, m] times B ∈ [m, p] → [n, p]. */
function matMul(a: Matrix, b: Matrix): Matrix {
  const p = b[0]?.length ?? 0;
  return a.map((ra) => {
    const out = new Array<number>(p).fill(0);
    ra.forEach((x, c) => {
      const rb = b[c]!;
      for (let j = 0; j < p; j++) out[j] = out[j]! + x * rb[j]!;
    });
    return out;
  });
}

const columns = (m: Matrix, from: number, count: number): Matrix =>
  m.map((row) => row.slice(from, from + count));

/**
 * Checks the shapes attention needs; throws an Error that names the matrix at fault.
 * @param q - [T_q, d_k]
 * @param k - [T_k, d_k]
 * @param v - [T_k, d_v]
 */
export function checkAttentionShapes(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  { mask, heads }: Pick<AttentionOptions, 'mask' | 'heads'>,
): void {
  const width = (m: Matrix, name: string) => {
    const w = m[0]?.length ?? 0;
    if (m.length === 0 || w === 0) throw new Error(`${name} is empty`);
    m.forEach((row, i) => {
      if (row.length !== w) throw new Error(`${name} row ${i} has ${row.length} values, not ${w}`);
    });
    return w;
  };
  const dk = width(q, 'Q');
  if (width(k, 'K') !== dk) throw new Error(`K has d_k = ${k[0]!.length}; Q has d_k = ${dk}`);
  const dv = width(v, 'V');
  if (v.length !== k.length)
    throw new Error(`V has ${v.length} rows; K has ${k.length} (one value per key)`);
  if (mask === 'causal' && q.length !== k.length)
    throw new Error(`a causal mask needs T_q = T_k (here ${q.length} and ${k.length})`);
  if (!Number.isInteger(heads) || heads < 1 || dk % heads !== 0 || dv % heads !== 0)
    throw new Error(`${heads} heads must divide d_k = ${dk} and d_v = ${dv}`);
}

/**
 * Every intermediate of (multi-head) scaled dot-product attention.
 * @param q - queries [T_q, d_k]
 * @param k - keys [T_k, d_k]
 * @param v - values [T_k, d_v]
 * @returns per head: scores, scaled, masked, weights [T_q, T_k] and output [T_q, d_v/h];
 *   and the concatenated output [T_q, d_v]
 */
export function attentionSteps(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  options: AttentionOptions,
): AttentionSteps {
  checkAttentionShapes(q, k, v, options);
  const { heads } = options;
  const tq = q.length;
  const tk = k.length;
  const dk = q[0]!.length;
  const dv = v[0]!.length;
  const dkHead = dk / heads;
  const dvHead = dv / heads;
  const divisor = options.scale === 'sqrt_dk' ? Math.sqrt(dkHead) : 1;
  const mask = Array.from({ length: tq }, (_, i) =>
    Array.from({ length: tk }, (_, j) => isMasked(options.mask, i, j)),
  );

  const perHead = Array.from({ length: heads }, (_, n): AttentionHead => {
    const qh = columns(q, n * dkHead, dkHead);
    const kh = columns(k, n * dkHead, dkHead);
    const vh = columns(v, n * dvHead, dvHead);
    const scores = matMulT(qh, kh);
    const scaled = scores.map((row) => row.map((s) => s / divisor));
    const masked = scaled.map((row, i) => row.map((s, j) => (mask[i]![j] ? -Infinity : s)));
    const weights = masked.map((row) => Array.from(softmax(row)));
    return { q: qh, k: kh, v: vh, scores, scaled, masked, weights, output: matMul(weights, vh) };
  });
  const output = Array.from({ length: tq }, (_, i) => perHead.flatMap((h) => h.output[i]!));
  return { tq, tk, dk, dv, heads, dkHead, dvHead, divisor, mask, perHead, output };
}

/** The terms of one score: scores[i][j] = Σ_c q[i][c]·k[j][c], term by term. */
export interface ScoreBreakdown {
  /** q[i][c] for each of the head's columns c. */
  q: number[];
  /** k[j][c]. */
  k: number[];
  /** q[i][c]·k[j][c]. */
  products: number[];
  /** Σ products = scores[i][j]. */
  score: number;
  /** score ÷ divisor. */
  scaled: number;
  masked: boolean;
  weight: number;
}

/**
 * The breakdown a step view shows for query i and key j in head `head`: the products q_i·k_j
 * term by term, their sum, the scaled score and the weight.
 */
export function scoreBreakdown(
  steps: AttentionSteps,
  head: number,
  i: number,
  j: number,
): ScoreBreakdown {
  const h = steps.perHead[head]!;
  const qi = h.q[i]!;
  const kj = h.k[j]!;
  const products = qi.map((x, c) => x * kj[c]!);
  return {
    q: [...qi],
    k: [...kj],
    products,
    score: h.scores[i]![j]!,
    scaled: h.scaled[i]![j]!,
    masked: steps.mask[i]![j]!,
    weight: h.weights[i]![j]!,
  };
}

/** The terms of one output entry: output[i][c] = Σ_j weights[i][j]·v[j][c]. */
export function outputBreakdown(
  steps: AttentionSteps,
  head: number,
  i: number,
  c: number,
): { weights: number[]; values: number[]; products: number[]; sum: number } {
  const h = steps.perHead[head]!;
  const weights = [...h.weights[i]!];
  const values = h.v.map((row) => row[c]!);
  const products = weights.map((w, j) => w * values[j]!);
  return { weights, values, products, sum: h.output[i]![c]! };
}
