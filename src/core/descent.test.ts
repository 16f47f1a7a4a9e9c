import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contourSegments } from './contour';
import {
  bestLine,
  descend,
  isDiverging,
  lineGrad,
  lineLoss,
  lossGrid,
  sgdLrLimit,
  type DescentSetup,
} from './descent';

// models/fixtures/basics_descent.golden.json is written by models/recipes/basics_descent_cases.py:
// torch.optim.SGD / SGD(momentum) / Adam on a float64 [w, b] with autograd's gradients.
// Tolerance (1e-9) is relative to max(1, |expected|); "inf"/"nan" stand for non-finite values.
type Num = number | 'inf' | '-inf' | 'nan';
interface Case {
  name: string;
  config: DescentSetup & { mode: 'descent' };
  expected: { thetas: Num[][]; losses: Num[]; grads: Num[][]; lrLimit: number };
}
const descentFixture = JSON.parse(
  readFileSync(
    new URL('../../models/fixtures/basics_descent.golden.json', import.meta.url),
    'utf8',
  ),
) as { tolerance: number; cases: Case[] };

const decode = (v: Num): number =>
  v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : v;
function close(a: number, e: Num, tol = descentFixture.tolerance) {
  const b = decode(e);
  if (!Number.isFinite(b)) expect(a).toBe(b);
  else expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

describe('descend against PyTorch (models/fixtures/basics_descent.golden.json)', () => {
  it('covers every optimizer and objective', () => {
    const cs = descentFixture.cases.map((c) => c.config);
    expect(new Set(cs.map((c) => c.optimizer))).toEqual(new Set(['sgd', 'momentum', 'adam']));
    expect(new Set(cs.map((c) => c.objective))).toEqual(new Set(['half_sse', 'mse']));
  });
  it.each(descentFixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const run = descend(c.config);
    expect(run.thetas).toHaveLength(c.config.steps + 1);
    expect(run.grads).toHaveLength(c.config.steps);
    run.thetas.forEach((t, i) => t.forEach((v, j) => close(v, c.expected.thetas[i]![j]!)));
    run.losses.forEach((v, i) => close(v, c.expected.losses[i]!));
    run.grads.forEach((g, i) => g.forEach((v, j) => close(v, c.expected.grads[i]![j]!)));
    close(sgdLrLimit(c.config.x, c.config.objective), c.expected.lrLimit);
  });
});

describe('the widely copied example', () => {
  it('has a two-component gradient [−68, −15] and θ₁ = [0.68, 0.15]', () => {
    const x = [2, 4, 6];
    const y = [3, 5, 7];
    expect(lineGrad(x, y, [0, 0], 'half_sse')).toEqual([-68, -15]);
    expect(lineLoss(x, y, [0, 0], 'half_sse')).toBe(41.5);
    const run = descend({
      x,
      y,
      theta: [0, 0],
      lr: 0.01,
      steps: 1,
      objective: 'half_sse',
      optimizer: 'sgd',
      momentum: 0.9,
      beta1: 0.9,
      beta2: 0.999,
    });
    expect(run.thetas[1]![0]).toBeCloseTo(0.68, 12);
    expect(run.thetas[1]![1]).toBeCloseTo(0.15, 12);
    expect(bestLine(x, y)).toEqual([1, 1]);
  });
});

describe('the optimizers’ state', () => {
  it('Adam’s direction u = m̂/(√v̂ + ε) is the step over α', () => {
    const c = descentFixture.cases.find((k) => k.name === 'preset-adam')!.config;
    const run = descend(c);
    run.states.forEach((s, i) => {
      if (s.kind !== 'adam') throw new Error('not adam');
      for (const j of [0, 1] as const) {
        expect(run.thetas[i]![j] - c.lr * s.dir[j]).toBeCloseTo(run.thetas[i + 1]![j], 12);
      }
    });
    // Step 1: m̂ = g and v̂ = g², so u = g/|g| up to ε: each parameter moves by α.
    const first = run.states[0]!;
    if (first.kind === 'adam') expect(first.dir[0]).toBeCloseTo(-1, 8);
  });
});

describe('divergence', () => {
  const byName = (n: string) => descentFixture.cases.find((c) => c.name === n)!;
  it('finds where an overflowing run stops being finite', () => {
    const run = descend(byName('preset-overflow').config);
    expect(run.overflowAt).not.toBeNull();
    expect(Number.isFinite(run.losses[run.overflowAt! - 1]!)).toBe(true);
    expect(Number.isFinite(run.losses[run.overflowAt!]!)).toBe(false);
    expect(isDiverging(run.losses, run.overflowAt)).toBe(true);
  });
  it('says a growing loss diverges and a shrinking one does not', () => {
    const grow = descend(byName('preset-diverges').config);
    expect(grow.overflowAt).toBeNull();
    expect(isDiverging(grow.losses, null)).toBe(true);
    const fit = descend(byName('preset').config);
    expect(isDiverging(fit.losses, null)).toBe(false);
    expect(isDiverging([5, 6], null)).toBe(false);
  });
});

describe('lossGrid and contourSegments', () => {
  it('samples J at cell centres, row 0 at the top', () => {
    const g = lossGrid([2, 4, 6], [3, 5, 7], 'half_sse', [0, 2], [0, 2], 2, 2);
    expect(g[0]).toBe(lineLoss([2, 4, 6], [3, 5, 7], [0.5, 1.5], 'half_sse'));
    expect(g[3]).toBe(lineLoss([2, 4, 6], [3, 5, 7], [1.5, 0.5], 'half_sse'));
  });
  it('puts a circle’s level set at its radius', () => {
    const n = 41;
    const v = Array.from({ length: n * n }, (_, i) =>
      Math.hypot((i % n) - 20, Math.floor(i / n) - 20),
    );
    const segs = contourSegments(v, n, n, 10);
    expect(segs.length).toBeGreaterThan(40);
    for (const [x0, y0] of segs)
      expect(Math.abs(Math.hypot(x0 - 20, y0 - 20) - 10)).toBeLessThan(0.1);
    expect(contourSegments(v, n, n, 100)).toEqual([]);
  });
});
