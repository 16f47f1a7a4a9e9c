import { describe, expect, it } from 'vitest';
import { mixSeed, seededNormal, seededRandom } from './random';

describe('seededRandom', () => {
  it('gives the same stream for the same seed and a different one for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(Array.from({ length: 5 }, c)).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('is uniform: mean ≈ 1/2 and variance ≈ 1/12 over 100,000 draws', () => {
    const r = seededRandom(7);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = r();
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });
});

describe('seededNormal', () => {
  it('has mean ≈ 0 and variance ≈ 1 over 100,000 draws, reproducibly', () => {
    const g = seededNormal(seededRandom(3));
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = g();
      expect(Number.isFinite(x)).toBe(true);
      sum += x;
      sq += x * x;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(sq / n).toBeCloseTo(1, 1);
    const h = seededNormal(seededRandom(3));
    const first = seededNormal(seededRandom(3))();
    expect(h()).toBe(first);
  });
});

describe('mixSeed', () => {
  it('gives distinct seeds for neighbouring indices', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => mixSeed(1, i)));
    expect(seeds.size).toBe(1000);
    expect(mixSeed(1, 5)).toBe(mixSeed(1, 5));
  });
});
