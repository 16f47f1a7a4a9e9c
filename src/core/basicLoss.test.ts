import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASIC_LOSSES, basicLoss, lossCurve, type BasicLoss } from './basicLoss';

// models/fixtures/basics_losses.golden.json is written by models/recipes/basics_losses_cases.py:
// PyTorch's losses and autograd in float64.
interface Case {
  name: string;
  loss: BasicLoss;
  target: number[] | number[][];
  prediction: number[] | number[][];
  expected: { loss: number; terms: number[]; grad: number[] | number[][] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../models/fixtures/basics_losses.golden.json', import.meta.url), 'utf8'),
) as { tolerance: number; cases: Case[] };

const close = (a: number, b: number, tol = fixture.tolerance) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('basicLoss against PyTorch', () => {
  it('covers every loss', () => {
    expect(new Set(fixture.cases.map((c) => c.loss))).toEqual(new Set(BASIC_LOSSES));
  });
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = basicLoss(c.loss, c.target, c.prediction);
    close(r.loss, c.expected.loss);
    r.terms.forEach((t, i) => close(t, c.expected.terms[i]!));
    expect(r.grad.flat()).toHaveLength(c.expected.grad.flat().length);
    r.grad.flat().forEach((g, i) => close(g, c.expected.grad.flat()[i]!));
  });
  it('the copied examples: MSE 0.016 (not 0.06), BCE 0.2027', () => {
    close(basicLoss('mse', [1, 0, 1, 1, 0], [0.9, 0.1, 0.8, 0.9, 0.1]).loss, 0.016);
    expect(basicLoss('bce', [1, 0, 1, 0, 0], [0.9, 0.1, 0.8, 0.2, 0.3]).loss).toBeCloseTo(
      0.2027,
      4,
    );
  });
  it('the curve as one prediction moves passes through the current loss', () => {
    const t = [1, 0];
    const p = [0.5, 0.2];
    const curve = lossCurve('bce', t, p, [0], 0.25, 0.75, 2);
    close(curve[1]![1], basicLoss('bce', t, p).loss);
    const rows = [[0.7, 0.3]];
    const ce = lossCurve('cross_entropy', [[1, 0]], rows, [0, 0], 0.7, 0.7, 1);
    close(ce[0]![1], -Math.log(0.7));
  });
});
