import { describe, expect, it } from 'vitest';
import { argmax, extent, maxAbsDiff, sizeOf } from './tensor';

describe('argmax', () => {
  it('finds the index of the largest value', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax([-3, -1, -2])).toBe(1);
    expect(argmax(new Float32Array([0, 0, 0, 5]))).toBe(3);
  });

  it('returns the first index on ties', () => {
    expect(argmax([2, 5, 5, 1, 5])).toBe(1);
    expect(argmax([4, 4])).toBe(0);
  });

  it('returns -1 for an empty array', () => {
    expect(argmax([])).toBe(-1);
  });

  it('handles -Infinity-only and single-element arrays', () => {
    expect(argmax([-Infinity, -Infinity])).toBe(0);
    expect(argmax([42])).toBe(0);
  });
});

describe('extent', () => {
  it('returns the smallest and largest value', () => {
    expect(extent([3, -2, 7, 0])).toEqual([-2, 7]);
    expect(extent(new Float32Array([0.5]))).toEqual([0.5, 0.5]);
  });

  it('ignores non-finite values', () => {
    expect(extent([-Infinity, 1, NaN, 4, Infinity])).toEqual([1, 4]);
  });

  it('returns [0, 0] when there is no finite value', () => {
    expect(extent([])).toEqual([0, 0]);
    expect(extent([NaN, -Infinity, Infinity])).toEqual([0, 0]);
  });
});

describe('sizeOf', () => {
  it('multiplies the dims', () => {
    expect(sizeOf([1, 8, 28, 28])).toBe(6272);
    expect(sizeOf([16, 7, 7])).toBe(784);
    expect(sizeOf([3, 0, 5])).toBe(0);
  });

  it('is 1 for a scalar', () => {
    expect(sizeOf([])).toBe(1);
  });
});

describe('maxAbsDiff', () => {
  it('returns the largest absolute elementwise difference', () => {
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(maxAbsDiff([-1, 0], [1, 0])).toBe(2);
    expect(maxAbsDiff([0.25, 0.5], [0.25, 0.5])).toBe(0);
    expect(maxAbsDiff([], [])).toBe(0);
  });

  it('returns Infinity when the lengths differ', () => {
    expect(maxAbsDiff([1, 2], [1, 2, 3])).toBe(Infinity);
    expect(maxAbsDiff([1], [])).toBe(Infinity);
  });
});
