import { describe, expect, it } from 'vitest';
import golden from '../../models/fixtures/basics_playground.golden.json';
import {
  evaluate,
  featureMatrix,
  gridPoints,
  initParams,
  makeData,
  PG_DATASETS,
  pgDims,
  rowSampler,
  splitIndices,
  trainStep,
  type PgActivation,
  type PgDataset,
  type PgRegularization,
} from './playground';

const TOL = 1e-9;
const close = (got: ArrayLike<number>, want: readonly number[]) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 9));
};

describe('playground reference vs PyTorch', () => {
  for (const c of golden.cases)
    it(`one SGD step: ${c.name}`, () => {
      const step = trainStep({
        net: {
          dims: pgDims(c.features, c.hidden),
          activation: c.activation as PgActivation,
          output: c.output as 'tanh' | 'linear',
        },
        theta: c.theta,
        x: c.x.flat(),
        y: c.y,
        lr: c.lr,
        regularization: c.regularization as PgRegularization,
        regRate: c.regRate,
      });
      expect(Math.abs(step.loss - c.loss)).toBeLessThan(TOL);
      expect(Math.abs(step.reg - c.reg)).toBeLessThan(TOL);
      expect(Math.abs(step.total - c.total)).toBeLessThan(TOL);
      c.z.forEach((z, l) => close(step.z[l]!, z.flat()));
      c.a.forEach((a, l) => close(step.a[l]!, a.flat()));
      close(step.grad, c.grad);
      close(step.thetaNext, c.thetaNext);
    });
});

describe('playground data', () => {
  it('is deterministic from the seed and stays in the square', () => {
    for (const d of PG_DATASETS as PgDataset[]) {
      const a = makeData(d, 0.3, 7);
      expect(makeData(d, 0.3, 7)).toEqual(a);
      expect(makeData(d, 0.3, 8).points).not.toEqual(a.points);
      expect(a.points.every((v) => Math.abs(v) <= 6)).toBe(true);
      expect(a.labels.every((v) => Math.abs(v) <= 1)).toBe(true);
    }
  });

  it('splits by ratio without overlap', () => {
    const { train, test } = splitIndices(400, 0.7, 3);
    expect(train.length).toBe(280);
    expect(new Set([...train, ...test]).size).toBe(400);
  });

  it('computes features and the grid', () => {
    const m = featureMatrix([2, -3], [0], ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
    close(m, [2, -3, 4, 9, -6, Math.sin(2), Math.sin(-3)]);
    const g = gridPoints(2);
    close(g, [-3, 3, 3, 3, -3, -3, 3, -3]);
  });

  it('the default network learns the circle to ≥ 90% test accuracy in 2,500 iterations', () => {
    const seed = 1;
    const d = makeData('circle', 0, seed);
    const sp = splitIndices(400, 0.5, seed);
    const feats = ['x1', 'x2'] as const;
    const X = featureMatrix(d.points, sp.train, feats);
    const Y = Float64Array.from(sp.train, (i) => d.labels[i]!);
    const net = { dims: pgDims(2, [4, 2]), activation: 'tanh' as const, output: 'tanh' as const };
    let theta: Float64Array = initParams(net.dims, seed);
    const pick = rowSampler(Y.length, seed);
    for (let it = 0; it < 2500; it++) {
      const x: number[] = [];
      const y: number[] = [];
      for (let s = 0; s < 10; s++) {
        const k = pick();
        x.push(X[2 * k]!, X[2 * k + 1]!);
        y.push(Y[k]!);
      }
      theta = trainStep({
        net,
        theta,
        x,
        y,
        lr: 0.03,
        regularization: 'none',
        regRate: 0,
      }).thetaNext;
    }
    const Xt = featureMatrix(d.points, sp.test, feats);
    const Yt = Float64Array.from(sp.test, (i) => d.labels[i]!);
    const out = trainStep({ net, theta, x: Xt, y: Yt, lr: 0, regularization: 'none', regRate: 0 });
    expect(evaluate(out.output, Yt, true).accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
