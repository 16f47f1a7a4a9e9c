import { describe, expect, it } from 'vitest';
import { mixSeed, seededRandom } from './random';
import {
  entropy,
  filterTopK,
  filterTopP,
  nextTokenDistribution,
  sampleIndex,
  samplingUniform,
  softmaxWithTemperature,
  topEntries,
} from './sampling';

// Logits ln(4), ln(2), 0, 0: softmax is exactly [1/2, 1/4, 1/8, 1/8], and temperature T
// raises each weight to the power 1/T, so every expectation below is a simple fraction.
const LOGITS = [Math.log(4), Math.log(2), 0, 0];
const close = (a: ArrayLike<number>, b: readonly number[]) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 12);
};

describe('softmaxWithTemperature', () => {
  it('T = 1 is the plain softmax', () => {
    close(softmaxWithTemperature(LOGITS, 1), [1 / 2, 1 / 4, 1 / 8, 1 / 8]);
  });
  it('T = 1/2 squares the weights (sharper), T = 2 takes their square roots (flatter)', () => {
    close(softmaxWithTemperature(LOGITS, 0.5), [16 / 22, 4 / 22, 1 / 22, 1 / 22]);
    const s = 4 + Math.SQRT2;
    close(softmaxWithTemperature(LOGITS, 2), [2 / s, Math.SQRT2 / s, 1 / s, 1 / s]);
  });
  it('is stable for huge logits and rejects T ≤ 0', () => {
    close(softmaxWithTemperature([1000, 1000], 0.01), [0.5, 0.5]);
    expect(() => softmaxWithTemperature(LOGITS, 0)).toThrow(/temperature/);
    expect(() => softmaxWithTemperature(LOGITS, -1)).toThrow(/temperature/);
  });
  it('lower temperature means lower entropy', () => {
    const h = [0.25, 0.5, 1, 2, 4].map((t) => entropy(softmaxWithTemperature(LOGITS, t)));
    for (let i = 1; i < h.length; i++) expect(h[i]!).toBeGreaterThan(h[i - 1]!);
    expect(entropy([1 / 2, 1 / 4, 1 / 8, 1 / 8])).toBeCloseTo(1.75 * Math.LN2, 12);
    expect(entropy([1, 0, 0])).toBe(0);
  });
});

describe('filterTopK', () => {
  const p = [1 / 2, 1 / 4, 1 / 8, 1 / 8];
  it('keeps the k most likely and renormalises', () => {
    close(filterTopK(p, 1), [1, 0, 0, 0]);
    close(filterTopK(p, 2), [2 / 3, 1 / 3, 0, 0]);
  });
  it('breaks ties by the lower index', () => {
    close(filterTopK(p, 3), [4 / 7, 2 / 7, 1 / 7, 0]);
  });
  it('k = 0 or k ≥ V keeps everything', () => {
    close(filterTopK(p, 0), p);
    close(filterTopK(p, 9), p);
  });
});

describe('filterTopP', () => {
  const p = [1 / 8, 1 / 2, 1 / 8, 1 / 4];
  it('keeps the most likely tokens until their sum reaches p, including the one that crosses', () => {
    close(filterTopP(p, 0.5), [0, 1, 0, 0]);
    close(filterTopP(p, 0.6), [0, 2 / 3, 0, 1 / 3]);
    close(filterTopP(p, 0.75), [0, 2 / 3, 0, 1 / 3]);
    close(filterTopP(p, 0.8), [1 / 7, 4 / 7, 0, 2 / 7]);
  });
  it('p = 1 keeps every token with probability > 0; a tiny p keeps the best one', () => {
    close(filterTopP(p, 1), p);
    close(filterTopP([0.5, 0.5, 0], 1), [0.5, 0.5, 0]);
    close(filterTopP(p, 1e-6), [0, 1, 0, 0]);
  });
});

describe('nextTokenDistribution', () => {
  it('applies temperature, then top-k, then top-p', () => {
    // T = 1/2: [16, 4, 1, 1]/22; top-k 3: [16, 4, 1]/21; top-p 0.9: 16/21 ≈ 0.762 < 0.9, then 20/21 ≥ 0.9.
    close(
      nextTokenDistribution(LOGITS, { temperature: 0.5, topK: 3, topP: 0.9 }),
      [0.8, 0.2, 0, 0],
    );
    close(nextTokenDistribution(LOGITS, { temperature: 1, topK: 0, topP: 1 }), [
      1 / 2,
      1 / 4,
      1 / 8,
      1 / 8,
    ]);
  });
});

describe('sampleIndex', () => {
  const p = [1 / 2, 1 / 4, 0, 1 / 4];
  it('returns the first index whose cumulative probability exceeds u', () => {
    expect(sampleIndex(p, 0)).toBe(0);
    expect(sampleIndex(p, 0.4999)).toBe(0);
    expect(sampleIndex(p, 0.5)).toBe(1);
    expect(sampleIndex(p, 0.75)).toBe(3);
    expect(sampleIndex(p, 0.9999999)).toBe(3);
  });
  it('never draws a zero-probability token, even when rounding leaves Σ < u', () => {
    expect(sampleIndex([0.3333333, 0.3333333, 0.3333333, 0], 0.99999999)).toBe(2);
  });
  it('draws tokens with their probabilities', () => {
    const r = seededRandom(11);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampleIndex(p, r())]!++;
    expect(counts[2]).toBe(0);
    expect(counts[0]! / 40_000).toBeCloseTo(0.5, 1);
    expect(counts[1]! / 40_000).toBeCloseTo(0.25, 1);
  });
});

describe('samplingUniform', () => {
  it('is the first draw of the position’s own seeded stream (pinned values)', () => {
    expect(samplingUniform(42, 5)).toBe(seededRandom(mixSeed(42, 5))());
    expect(samplingUniform(42, 5)).toBe(0.5781280130613595);
    expect(samplingUniform(0, 0)).toBe(0.45303025958128273);
    expect(samplingUniform(7, 19)).toBe(0.6561896107159555);
    expect(samplingUniform(7, 20)).not.toBe(samplingUniform(7, 19));
  });
});

describe('topEntries', () => {
  it('lists the n most likely, highest first, ties by index', () => {
    expect(topEntries([0.1, 0.4, 0.1, 0.4], 3)).toEqual([
      { index: 1, probability: 0.4 },
      { index: 3, probability: 0.4 },
      { index: 0, probability: 0.1 },
    ]);
  });
});
