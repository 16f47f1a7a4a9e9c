import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_FNS,
  activationCurves,
  activationValues,
  depthChain,
  erf,
  softmaxT,
  type ActivationFn,
} from './activation';

// models/fixtures/basics_activations.golden.json is written by
// models/recipes/basics_activations_cases.py: PyTorch's functions and autograd in float64.
interface Fixture {
  tolerance: number;
  functions: {
    fn: ActivationFn;
    alpha: number;
    xs: number[];
    values: number[];
    derivatives: number[];
  }[];
  softmax: { logits: number[]; temperature: number; probabilities: number[] }[];
  depth: { fn: ActivationFn; x: number; depth: number; a: number[]; product: number[] }[];
}
const fixture = JSON.parse(
  readFileSync(
    new URL('../../models/fixtures/basics_activations.golden.json', import.meta.url),
    'utf8',
  ),
) as Fixture;

const close = (a: number, b: number, tol = fixture.tolerance) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('activations against PyTorch', () => {
  it('covers every function', () => {
    expect(new Set(fixture.functions.map((c) => c.fn))).toEqual(new Set(ACTIVATION_FNS));
  });
  it.each(fixture.functions.map((c) => [`${c.fn} α=${c.alpha}`, c] as const))('%s', (_, c) => {
    const r = activationValues(c.fn, c.xs, c.alpha);
    c.xs.forEach((_x, i) => {
      close(r.values[i]!, c.values[i]!);
      close(r.derivatives[i]!, c.derivatives[i]!);
    });
  });
  it('gives autograd’s derivative at 0: ReLU 0, LeakyReLU α', () => {
    expect(activationValues('relu', [0]).derivatives).toEqual([0]);
    expect(activationValues('leaky_relu', [0], 0.2).derivatives).toEqual([0.2]);
  });
  it('softmax with a temperature', () => {
    for (const c of fixture.softmax) {
      softmaxT(c.logits, c.temperature).forEach((p, i) => close(p, c.probabilities[i]!));
    }
  });
  it('the product of slopes through depth', () => {
    for (const c of fixture.depth) {
      const chain = depthChain(c.fn, c.x, c.depth);
      chain.forEach((l, k) => {
        close(l.a, c.a[k]!);
        close(l.product, c.product[k]!);
      });
    }
  });
});

describe('erf', () => {
  it('is odd, 0 at 0 and tends to ±1', () => {
    expect(erf(0)).toBe(0);
    close(erf(-1.3), -erf(1.3));
    expect(erf(30)).toBe(1);
    close(erf(1), 0.8427007929497149);
    close(erf(3), 0.9999779095030014);
  });
  it('curves are sampled end to end', () => {
    const c = activationCurves('tanh', -5, 5, 0.01, 10);
    expect(c.value).toHaveLength(11);
    expect(c.value[0]![0]).toBe(-5);
    expect(c.slope[10]![0]).toBe(5);
  });
});
