import { describe, expect, it } from 'vitest';
import { sampleData, type Point } from './ganData';
import { SLICES, slicedWasserstein, slicedWassersteinTo, wasserstein1d } from './ganMetrics';

const ring = sampleData({ kind: 'ring' }, 300, 1);
const shift = (pts: Point[], dx: number, dy: number): Point[] =>
  pts.map(([x, y]) => [x + dx, y + dy]);

describe('wasserstein1d', () => {
  it('equal sizes: mean |sorted difference|', () => {
    expect(wasserstein1d([0, 1, 2], [3, 1, 2])).toBeCloseTo(1, 15);
    expect(wasserstein1d([0, 5, 2], [1, 1, 1])).toBeCloseTo((1 + 1 + 4) / 3, 15);
    expect(wasserstein1d([0, 0], [1, 1])).toBe(1);
  });
  it('different sizes: integrates the quantile functions', () => {
    // a = {0, 1} (each ½), b = {0, 0, 3} (each ⅓): on t ∈ [0,⅓]: 0; [⅓,½]: 0; [½,⅔]: 1; [⅔,1]: 2.
    expect(wasserstein1d([0, 1], [0, 0, 3])).toBeCloseTo(1 / 6 + 2 / 3, 15);
    expect(wasserstein1d([5], [1, 2, 3])).toBeCloseTo(3, 15);
    // Repeating every sample changes nothing.
    expect(wasserstein1d([0, 1, 4], [2, 2, 2, 2, 9, 9])).toBeCloseTo(
      wasserstein1d([0, 0, 1, 1, 4, 4], [2, 2, 2, 2, 9, 9]),
      15,
    );
  });
  it('refuses empty sets', () => {
    expect(() => wasserstein1d([], [1])).toThrow('at least one value');
  });
});

describe('slicedWasserstein', () => {
  it('is 0 for identical sets, in any order', () => {
    expect(slicedWasserstein(ring, ring)).toBe(0);
    expect(slicedWasserstein(ring, [...ring].reverse())).toBeCloseTo(0, 14);
  });
  it('is symmetric', () => {
    const other = sampleData({ kind: 'gaussians-8' }, 200, 2);
    expect(slicedWasserstein(ring, other)).toBeCloseTo(slicedWasserstein(other, ring), 14);
  });
  it('a shift by (d, 0) gives exactly mean_k |d cos φ_k| ≈ (2/π)·d', () => {
    for (const d of [0.1, 0.3, 1]) {
      const exact =
        Array.from({ length: SLICES }, (_, k) =>
          Math.abs(d * Math.cos((Math.PI * k) / SLICES)),
        ).reduce((s, v) => s + v, 0) / SLICES;
      expect(slicedWasserstein(ring, shift(ring, d, 0))).toBeCloseTo(exact, 12);
      expect(exact).toBeCloseTo((2 / Math.PI) * d, 2);
    }
  });
  it('grows with the shift', () => {
    const ds = [0, 0.05, 0.1, 0.2, 0.4, 0.8];
    const v = ds.map((d) => slicedWasserstein(ring, shift(ring, d, d / 2)));
    for (let i = 1; i < v.length; i++) expect(v[i]!).toBeGreaterThan(v[i - 1]!);
  });
  it('two samples of one distribution are closer than samples of different ones', () => {
    const ring2 = sampleData({ kind: 'ring' }, 300, 99);
    const line = sampleData({ kind: 'line' }, 300, 3);
    const same = slicedWasserstein(ring, ring2);
    expect(same).toBeLessThan(0.05);
    expect(slicedWasserstein(ring, line)).toBeGreaterThan(3 * same);
  });
});

describe('slicedWassersteinTo', () => {
  it('measures against a fixed set the same as slicedWasserstein, frame after frame', () => {
    const line = sampleData({ kind: 'line' }, 173, 3);
    const gaussians = sampleData({ kind: 'gaussians-8' }, 256, 4);
    const toRing = slicedWassersteinTo(ring);
    for (const a of [line, gaussians, shift(ring, 0.2, -0.1), ring])
      expect(toRing(a)).toBeCloseTo(slicedWasserstein(a, ring), 12);
    // The caller's points are not reordered.
    const copy = line.map((p) => [...p]);
    toRing(line);
    expect(line).toEqual(copy);
  });
  it('refuses an empty set when it measures', () => {
    expect(() => slicedWassersteinTo([])(ring)).toThrow('at least one value');
    expect(() => slicedWassersteinTo(ring)([])).toThrow('at least one value');
  });
});
