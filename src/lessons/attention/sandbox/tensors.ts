/** The sandbox config as the attention graph's spec and inputs, and its outputs as nested rows. */
import type { Matrix } from '../../../core/attention';
import type { Tensor } from '../../../core/tensor';
import type { AttentionGraphSpec } from '../../../runtime/graph/attention';
import type { SandboxConfig } from './config';

export function sandboxGraphSpec(config: SandboxConfig): AttentionGraphSpec {
  return {
    tq: config.q.length,
    tk: config.k.length,
    dk: config.q[0]!.length,
    dv: config.v[0]!.length,
    heads: config.heads,
    mask: config.mask,
    scale: config.scale,
  };
}

const tensorOf = (m: Matrix): Tensor => ({
  data: Float32Array.from(m.flat()),
  dims: [m.length, m[0]!.length],
});

/** The graph's inputs: q [T_q, d_k], k [T_k, d_k], v [T_k, d_v]. */
export function sandboxGraphInputs(config: SandboxConfig): Record<string, Tensor> {
  return { q: tensorOf(config.q), k: tensorOf(config.k), v: tensorOf(config.v) };
}

/** Head n's block of a [heads, rows, cols] tensor (or the whole of a [rows, cols] one). */
export function headMatrix(t: Tensor, n = 0): Matrix {
  const [rows, cols] = t.dims.slice(-2) as [number, number];
  return Array.from({ length: rows }, (_, r) =>
    Array.from(t.data.subarray((n * rows + r) * cols, (n * rows + r + 1) * cols)),
  );
}
