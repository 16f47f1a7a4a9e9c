import { describe, expect, it } from 'vitest';
import { softmax } from './softmax';

// Tolerance 1e-6: results are Float32 (≈7 significant digits); the hand-computed values
// below are exact to 8 decimals, so 1e-6 leaves room for float32 rounding only.
const TOL = 1e-6;

const expectClose = (actual: number | undefined, expected: number) =>
  expect(Math.abs(actual! - expected)).toBeLessThan(TOL);
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe('softmax', () => {
  it('matches hand-computed values for [1, 2, 3]', () => {
    // exp(k) / (e + e² + e³) for k = 1, 2, 3
    const p = softmax([1, 2, 3]);
    expect(p).toHaveLength(3);
    expectClose(p[0], 0.09003057);
    expectClose(p[1], 0.24472847);
    expectClose(p[2], 0.66524096);
  });

  it('gives equal weights to equal logits', () => {
    expect(Array.from(softmax([0.5, 0.5, 0.5, 0.5]))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(softmax([7]))).toEqual([1]);
  });

  it('sums to 1 for assorted rows', () => {
    const rows = [
      [1, 2, 3],
      [-5, 0, 5, 10],
      [0.1, -0.2, 0.3, -0.4, 0.5],
      [-100, -100.5, -99],
    ];
    for (const row of rows) expect(Math.abs(sum(softmax(row)) - 1)).toBeLessThan(TOL);
  });

  it('is invariant to adding a constant to every logit', () => {
    const x = [0.3, -1.2, 2.5, 0];
    const base = softmax(x);
    for (const c of [-50, -1, 3.5, 100]) {
      const shifted = softmax(x.map((v) => v + c));
      for (let i = 0; i < x.length; i++) expect(Math.abs(shifted[i]! - base[i]!)).toBeLessThan(TOL);
    }
  });

  it('does not overflow on large logits', () => {
    // exp(1000) is Infinity in float64; the max-subtraction must keep this finite:
    // softmax([1000, 1001]) = softmax([0, 1]) = [1/(1+e), e/(1+e)].
    const p = softmax([1000, 1001]);
    expect(Number.isFinite(p[0]!)).toBe(true);
    expectClose(p[0], 1 / (1 + Math.E));
    expectClose(p[1], Math.E / (1 + Math.E));
  });

  it('gives masked (-Infinity) entries exactly 0', () => {
    const p = softmax([1, -Infinity, 3, -Infinity]);
    expect(p[1]).toBe(0);
    expect(p[3]).toBe(0);
    // The remaining two behave like softmax([1, 3]).
    expectClose(p[0], 1 / (1 + Math.exp(2)));
    expectClose(p[2], Math.exp(2) / (1 + Math.exp(2)));
  });

  it('returns zeros, not NaN, when every entry is -Infinity', () => {
    expect(Array.from(softmax([-Infinity, -Infinity, -Infinity]))).toEqual([0, 0, 0]);
  });

  it('returns an empty array for empty input', () => {
    expect(softmax([])).toHaveLength(0);
  });
});
