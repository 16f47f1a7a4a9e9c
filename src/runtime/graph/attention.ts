/**
 * The attention sandbox's graph: (multi-head) scaled dot-product attention with every
 * intermediate as a named output, built from MatMul / Transpose / Div / Add / Softmax only —
 * no Trilu, no opset-23 Attention — so every node runs on the WebGPU EP (DESIGN.md).
 *
 * Q, K and V are graph inputs: editing a number is a new run of the same session; only a
 * change of shapes, mask, scaling or heads builds a new graph (a new `key`). The causal mask
 * is a constant added to the scaled scores: 0 where a key is visible, −Infinity where it is
 * not, so masked scores are exactly −Infinity and their softmax weights exactly 0.
 */
import { isMasked, type AttentionMask, type AttentionScale } from '../../core/attention';
import { GraphBuilder } from './onnx';

export interface AttentionGraphSpec {
  /** Rows of Q (queries) and of K and V (keys). */
  tq: number;
  tk: number;
  /** Columns of Q and K, and of V. */
  dk: number;
  dv: number;
  heads: number;
  mask: AttentionMask;
  scale: AttentionScale;
}

/** The named outputs, with their dims. */
export interface AttentionGraphOutputs {
  /** [heads, T_q, T_k] each. */
  scores: number[];
  scaled: number[];
  masked: number[];
  weights: number[];
  /** Each head's weights·V: [heads, T_q, d_v/heads]. */
  headOutput: number[];
  /** The heads side by side: [T_q, d_v]. */
  output: number[];
}

export interface AttentionGraph {
  /** Equal for specs that build the same graph; the session cache's key. */
  key: string;
  bytes: Uint8Array;
  outputs: AttentionGraphOutputs;
}

export const ATTENTION_OUTPUTS = [
  'scores',
  'scaled',
  'masked',
  'weights',
  'headOutput',
  'output',
] as const;

function checkSpec(s: AttentionGraphSpec): void {
  for (const field of ['tq', 'tk', 'dk', 'dv', 'heads'] as const) {
    if (!Number.isInteger(s[field]) || s[field] < 1)
      throw new Error(`attention graph: ${field} must be a positive integer, got ${s[field]}`);
  }
  if (s.dk % s.heads !== 0 || s.dv % s.heads !== 0)
    throw new Error(
      `attention graph: ${s.heads} heads must divide d_k = ${s.dk} and d_v = ${s.dv}`,
    );
  if (s.mask === 'causal' && s.tq !== s.tk)
    throw new Error(`attention graph: a causal mask needs T_q = T_k (got ${s.tq} and ${s.tk})`);
  if (!['none', 'causal'].includes(s.mask))
    throw new Error(`attention graph: unknown mask "${String(s.mask)}"`);
  if (!['sqrt_dk', 'none'].includes(s.scale))
    throw new Error(`attention graph: unknown scale "${String(s.scale)}"`);
}

/**
 * Builds the attention graph.
 * Inputs: `q` [T_q, d_k], `k` [T_k, d_k], `v` [T_k, d_v].
 * Outputs: `scores`, `scaled`, `masked`, `weights` [heads, T_q, T_k]; `headOutput`
 * [heads, T_q, d_v/heads]; `output` [T_q, d_v] — PyTorch's multi-head column split.
 */
export function attentionGraph(spec: AttentionGraphSpec): AttentionGraph {
  checkSpec(spec);
  const { tq, tk, dk, dv, heads, mask, scale } = spec;
  const dkh = dk / heads;
  const dvh = dv / heads;
  const key = `attention:q${tq}:k${tk}:dk${dk}:dv${dv}:h${heads}:${mask}:${scale}`;
  const g = new GraphBuilder(`glassbox_${key}`);
  g.input('q', [tq, dk]);
  g.input('k', [tk, dk]);
  g.input('v', [tk, dv]);

  // [T, d] → [T, heads, d/heads] → [heads, T, d/heads]: column block n becomes head n.
  const split = (name: string, t: number, d: number, perm: number[]) => {
    g.int64Initializer(`${name}_shape`, [t, heads, d]);
    g.node('Reshape', [name, `${name}_shape`], [`${name}_split`]);
    g.node('Transpose', [`${name}_split`], [`${name}_heads`], { perm });
    return `${name}_heads`;
  };
  const qh = split('q', tq, dkh, [1, 0, 2]);
  // Kᵀ per head directly: [heads, d_k/heads, T_k].
  const khT = split('k', tk, dkh, [1, 2, 0]);
  const vh = split('v', tk, dvh, [1, 0, 2]);

  g.node('MatMul', [qh, khT], ['scores']);
  g.initializer('divisor', {
    data: Float32Array.of(scale === 'sqrt_dk' ? Math.sqrt(dkh) : 1),
    dims: [],
  });
  g.node('Div', ['scores', 'divisor'], ['scaled']);
  if (mask === 'none') {
    g.node('Identity', ['scaled'], ['masked']);
  } else {
    const bias = new Float32Array(tq * tk);
    for (let i = 0; i < tq; i++)
      for (let j = 0; j < tk; j++) bias[i * tk + j] = isMasked(mask, i, j) ? -Infinity : 0;
    g.initializer('mask_bias', { data: bias, dims: [tq, tk] });
    g.node('Add', ['scaled', 'mask_bias'], ['masked']);
  }
  g.node('Softmax', ['masked'], ['weights'], { axis: -1 });
  g.node('MatMul', ['weights', vh], ['headOutput']);
  // [heads, T_q, d_v/heads] → [T_q, heads, d_v/heads] → [T_q, d_v].
  g.node('Transpose', ['headOutput'], ['output_split'], { perm: [1, 0, 2] });
  g.int64Initializer('output_shape', [tq, dv]);
  g.node('Reshape', ['output_split', 'output_shape'], ['output']);

  const square = [heads, tq, tk];
  const outputs: AttentionGraphOutputs = {
    scores: square,
    scaled: [...square],
    masked: [...square],
    weights: [...square],
    headOutput: [heads, tq, dvh],
    output: [tq, dv],
  };
  for (const name of ATTENTION_OUTPUTS) g.output(name, outputs[name]);
  return { key, bytes: g.toBytes(), outputs };
}
