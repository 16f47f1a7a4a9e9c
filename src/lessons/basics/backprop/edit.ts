/** Pure edits of a backprop config: one cell, a pasted block, new layer sizes. */
import type { BackpropConfig } from './config';

type Matrix = readonly (readonly number[])[];

/** `m` with `block` written at (row, col), clipped to m's shape. */
export function pasteInto(m: Matrix, row: number, col: number, block: number[][]): number[][] {
  return m.map((r, i) =>
    r.map((v, j) => {
      const b = block[i - row]?.[j - col];
      return b === undefined ? v : b;
    }),
  );
}

/** The weights with layer l's (1-based) matrix replaced. */
export function withMatrix(config: BackpropConfig, l: number, m: number[][]): number[][][] {
  return config.weights.map((w, k) => (k === l - 1 ? m : w.map((r) => [...r])));
}

/** The biases with layer l's (1-based) vector replaced. */
export function withVector(config: BackpropConfig, l: number, b: number[]): number[][] {
  return config.biases.map((v, k) => (k === l - 1 ? b : [...v]));
}

/** A new weight where a layer grows: small, signed and different per edge (no symmetry). */
const fresh = (l: number, j: number, i: number) =>
  Number((((l * 7 + j * 5 + i * 3) % 9) / 10 - 0.4).toFixed(1));

/**
 * The config for new layer sizes: every weight, bias, input and target that still has a
 * place keeps its value; new ones are small distinct numbers (weights), 0 (biases, inputs)
 * and 0.5 (targets).
 */
export function resize(config: BackpropConfig, sizes: number[]): BackpropConfig {
  const weights = sizes
    .slice(1)
    .map((n, k) =>
      Array.from({ length: n }, (_, j) =>
        Array.from(
          { length: sizes[k]! },
          (_, i) => config.weights[k]?.[j]?.[i] ?? fresh(k + 1, j, i),
        ),
      ),
    );
  const biases = sizes
    .slice(1)
    .map((n, k) => Array.from({ length: n }, (_, j) => config.biases[k]?.[j] ?? 0));
  const x = Array.from({ length: sizes[0]! }, (_, i) => config.x[i] ?? 0);
  const out = sizes[sizes.length - 1]!;
  const y = Array.from({ length: out }, (_, k) => config.y[k] ?? 0.5);
  return { ...config, sizes, weights, biases, x, y };
}

/** float32 noise off a number the graph computed (−1.8000000476837158 → −1.8). */
export const clean = (v: number) => Number(v.toPrecision(7));
