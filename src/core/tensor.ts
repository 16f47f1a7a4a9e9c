/** A dense float32 tensor in row-major (C) order, the layout ONNX and PyTorch use. */
export interface Tensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** Number of elements of a shape: the product of its dims (1 for a scalar). */
export function sizeOf(dims: readonly number[]): number {
  return dims.reduce((n, d) => n * d, 1);
}

/**
 * Index of the largest value (the first one on ties), or -1 for an empty array.
 * @param values - [n]
 */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (best === -1 || v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/** Smallest and largest finite value; [0, 0] when there is none. */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** Largest absolute difference between two equally long arrays (Infinity if lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
