import { describe, expect, it } from 'vitest';
import fixture from '../../models/fixtures/basics_backprop.golden.json';
import { backpropStep, resultDifference, type BackpropAnswer, type BackpropNet } from './backprop';

const cases = fixture.cases as unknown as {
  name: string;
  config: BackpropNet;
  result: BackpropAnswer;
}[];

describe('backpropStep equals PyTorch (float64)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(resultDifference(backpropStep(c.config), c.result)).toBeLessThan(1e-10);
  });

  it('the 3-2-1 example: output 15, loss 196, ∂L/∂W₂ = [[196, 196]]', () => {
    const r = backpropStep(cases[0]!.config);
    expect(r.a[1]).toEqual([15]);
    expect(r.loss).toBe(196);
    expect(r.dW[1]).toEqual([[196, 196]]);
    expect(r.dW[0]).toEqual([
      [28, 56, 84],
      [28, 56, 84],
    ]);
    expect(r.db).toEqual([[28, 28], [28]]);
    expect(r.dLda).toEqual([28]);
  });
});

describe('resultDifference', () => {
  const r = backpropStep(cases[0]!.config);
  it('is relative to the size of the numbers and sees shape changes', () => {
    const bumped = { ...r, loss: 196.0196 };
    expect(resultDifference(bumped, r)).toBeCloseTo(1e-4, 8);
    expect(resultDifference({ ...r, z: [[7], [15]] }, r)).toBe(Infinity);
  });
});
