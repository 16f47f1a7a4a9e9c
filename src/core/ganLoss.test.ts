import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GAN_LOSSES,
  ganLossTerms,
  ganLosses,
  generatorCurves,
  generatorGradLogit,
  generatorGradP,
  generatorTerm,
  type GanLoss,
} from './ganLoss';

// models/fixtures/ops/gan_losses.json is written by models/recipes/gan_loss_cases.py:
// PyTorch's binary_cross_entropy / mse_loss and autograd, in float64. Tolerance (1e-12) is
// relative to max(1, |expected|): gradients near 0.001 are about 1000.
interface Case {
  name: string;
  loss: GanLoss;
  dReal: number[];
  dFake: number[];
  expected: { lossD: number; lossG: number; gradP: number[]; gradLogit: number[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../models/fixtures/ops/gan_losses.json', import.meta.url), 'utf8'),
) as { tolerance: number; cases: Case[] };

const close = (a: number, b: number, tol = fixture.tolerance) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('ganLossTerms against PyTorch (models/fixtures/ops/gan_losses.json)', () => {
  it('has every variant', () => {
    expect(new Set(fixture.cases.map((c) => c.loss))).toEqual(new Set(GAN_LOSSES));
    expect(fixture.cases.length).toBeGreaterThanOrEqual(24);
  });
  it.each(fixture.cases.map((c) => [`${c.name} (${c.loss})`, c] as const))('%s', (_, c) => {
    const t = ganLossTerms(c.dReal, c.dFake, c.loss);
    close(t.lossD, c.expected.lossD);
    close(t.lossG, c.expected.lossG);
    // PyTorch differentiates the mean; ours are per-sample terms, so divide by n.
    const n = c.dFake.length;
    t.dGenDp.forEach((g, j) => close(g / n, c.expected.gradP[j]!));
    t.dGenDlogit.forEach((g, j) => close(g / n, c.expected.gradLogit[j]!));
    expect(t.infinite).toEqual([]);
  });
});

describe('the article’s example: D(x) = 0.9, D(G(z)) = 0.1', () => {
  it('L_D = −log 0.9 − log(1 − 0.1) ≈ 0.2107, L_G = −log 0.1 ≈ 2.3026', () => {
    const { lossD, lossG } = ganLosses([0.9], [0.1], 'non-saturating');
    expect(lossD).toBeCloseTo(0.2107, 4);
    expect(lossD).toBeCloseTo(-2 * Math.log(0.9), 15);
    expect(lossG).toBeCloseTo(2.3026, 4);
    expect(lossG).toBeCloseTo(Math.log(10), 15);
  });
  it('the log losses of D are never negative (a printed −1.3956 cannot be)', () => {
    for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) {
      for (const q of [0.001, 0.1, 0.5, 0.9, 0.999]) {
        expect(ganLosses([p], [q], 'minimax').lossD).toBeGreaterThanOrEqual(0);
      }
    }
    expect(ganLosses([0.9], [0.1], 'minimax').lossD).toBeGreaterThan(0);
  });
  it('splits L_D into its real and fake halves', () => {
    const t = ganLossTerms([0.9, 0.8], [0.1, 0.3, 0.2], 'minimax');
    close(t.lossDReal, -(Math.log(0.9) + Math.log(0.8)) / 2);
    close(t.lossDFake, -(Math.log(0.9) + Math.log(0.7) + Math.log(0.8)) / 3);
    close(t.lossD, t.lossDReal + t.lossDFake);
  });
});

describe('edges and bad input', () => {
  it('reports infinite losses at 0 and 1 instead of NaN', () => {
    const t = ganLossTerms([0, 0.5], [1], 'minimax');
    expect(t.lossD).toBe(Infinity);
    expect(t.lossG).toBe(-Infinity);
    expect(t.infinite).toEqual([
      { field: 'dReal.0', loss: 'lossD', value: Infinity },
      { field: 'dFake.0', loss: 'lossD', value: Infinity },
      { field: 'dFake.0', loss: 'lossG', value: -Infinity },
    ]);
    const ns = ganLossTerms([1], [0], 'non-saturating');
    expect(ns.lossD).toBe(0);
    expect(ns.lossG).toBe(Infinity);
    expect(ns.infinite).toEqual([{ field: 'dFake.0', loss: 'lossG', value: Infinity }]);
    // lsgan is finite everywhere on [0, 1].
    expect(ganLosses([0], [1], 'lsgan')).toEqual({ lossD: 1, lossG: 0 });
    // The logit gradients stay finite at the edges.
    for (const loss of GAN_LOSSES) {
      expect(Number.isFinite(generatorGradLogit(loss, 0))).toBe(true);
      expect(Number.isFinite(generatorGradLogit(loss, 1))).toBe(true);
    }
  });
  it('names the bad field', () => {
    expect(() => ganLosses([0.5, 0.2, 1.5], [0.1], 'minimax')).toThrow(
      'dReal.2 = 1.5 is outside [0, 1]',
    );
    expect(() => ganLosses([0.5], [], 'minimax')).toThrow('dFake needs at least one value');
    expect(() => ganLosses([0.5], [NaN], 'lsgan')).toThrow('dFake.0 is not a number');
  });
});

describe('generator gradients', () => {
  it('the logit gradient is the chain rule through the sigmoid, and matches finite differences', () => {
    const h = 1e-6;
    const sig = (a: number) => 1 / (1 + Math.exp(-a));
    for (const loss of GAN_LOSSES) {
      for (const p of [0.05, 0.3, 0.5, 0.8, 0.95]) {
        const a = Math.log(p / (1 - p));
        const fd = (generatorTerm(loss, sig(a + h)) - generatorTerm(loss, sig(a - h))) / (2 * h);
        expect(generatorGradLogit(loss, p)).toBeCloseTo(fd, 7);
        expect(generatorGradLogit(loss, p)).toBeCloseTo(generatorGradP(loss, p) * p * (1 - p), 12);
        const fdp = (generatorTerm(loss, p + h) - generatorTerm(loss, p - h)) / (2 * h);
        expect(generatorGradP(loss, p)).toBeCloseTo(fdp, 5);
      }
    }
  });
  it('early in training (D(G(z)) ≈ 0) minimax saturates and non-saturating does not', () => {
    expect(generatorGradLogit('minimax', 0.01)).toBeCloseTo(-0.01, 12);
    expect(generatorGradLogit('non-saturating', 0.01)).toBeCloseTo(-0.99, 12);
    const mm = generatorCurves('minimax');
    const ns = generatorCurves('non-saturating');
    expect(mm.gradLogit[0]![1]).toBeLessThan(0.01);
    expect(ns.gradLogit[0]![1]).toBeGreaterThan(0.99);
  });
  it('curves span (0, 1) and stay finite', () => {
    for (const loss of GAN_LOSSES) {
      const c = generatorCurves(loss, 51);
      expect(c.loss).toHaveLength(51);
      expect(c.loss[0]![0]).toBeCloseTo(0.005, 12);
      expect(c.loss[50]![0]).toBeCloseTo(0.995, 12);
      expect(c.loss.every(([, v]) => Number.isFinite(v))).toBe(true);
    }
  });
});
