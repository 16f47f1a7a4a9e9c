/**
 * The playground's train-step graph on onnxruntime-web (WASM, Node) against PyTorch, and the
 * trainer on the engine: it learns the circle, applies settings at once or restarts, and
 * catches divergence.
 */
import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import golden from '../../../models/fixtures/basics_playground.golden.json';
import { playgroundDefaults } from '../../lessons/basics/playground/config';
import { playgroundGraphs, type PgSpec } from '../graph/playground';
import { PlaygroundTrainer, type PgTrainConfig } from './playground';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const TOL = 1e-4;
const near = (got: ArrayLike<number>, want: readonly number[]) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i]! - w)).toBeLessThan(TOL));
};

describe('playground step graph vs PyTorch', () => {
  for (const c of golden.cases)
    it(c.name, async () => {
      const spec: PgSpec = {
        features: c.features,
        hidden: c.hidden,
        activation: c.activation as PgSpec['activation'],
        output: c.output as PgSpec['output'],
        regularization: c.regularization as PgSpec['regularization'],
        batch: c.batch,
        steps: 1,
      };
      const g = playgroundGraphs(spec, { gridPoints: 1, points: 1 }).step;
      const session = await ort.InferenceSession.create(g.bytes);
      const t = (data: number[], dims: number[]) =>
        new ort.Tensor('float32', Float32Array.from(data), dims);
      const out = await session.run({
        theta: t(c.theta, [c.theta.length]),
        x0: t(c.x.flat(), [c.batch, c.features]),
        y0: t(c.y, [c.batch, 1]),
        lr: t([c.lr], []),
        regRate: t([c.regRate], []),
      });
      const get = (k: string) => out[k]!.data as Float32Array;
      near(get('loss'), [c.loss]);
      near(get('reg'), [c.reg]);
      c.z.forEach((z, l) => near(get(`z${l}`), z.flat()));
      c.a.forEach((a, l) => near(get(`a${l}`), a.flat()));
      near(get('grad'), c.grad);
      near(get('theta_next'), c.thetaNext);
      await session.release();
    });
});

const config = (over: Partial<PgTrainConfig> = {}): PgTrainConfig => {
  const { mode, ...defaults } = playgroundDefaults;
  expect(mode).toBe('playground');
  return { ...defaults, ...over };
};

const open: PlaygroundTrainer[] = [];
async function make(c = config()) {
  const t = await PlaygroundTrainer.create(ort, 'wasm', c);
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

describe('PlaygroundTrainer', () => {
  it('learns the circle to ≥ 90% test accuracy in 2,500 iterations', async () => {
    const t = await make();
    const r = await t.trainSteps(2500);
    expect(r.steps).toBe(2500);
    expect(r.batchLosses).toHaveLength(2500);
    const s = await t.snapshot();
    expect(s.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(s.neurons.map((n) => n.length)).toEqual([40 * 40 * 4, 40 * 40 * 2, 40 * 40]);
    expect(s.pred).toHaveLength(400);
  });

  it('applies the learning rate at once and restarts on a new architecture', async () => {
    const t = await make();
    await t.trainSteps(13);
    expect(await t.setConfig(config({ lr: 0.1, regularization: 'l2', regRate: 0.01 }))).toEqual({
      restarted: false,
    });
    expect((await t.trainSteps(7)).steps).toBe(20);
    expect(await t.setConfig(config({ hidden: [3] }))).toEqual({ restarted: true });
    expect((await t.snapshot()).steps).toBe(0);
  });

  it('gives one step with its numbers: after = before − lr · grad', async () => {
    const t = await make(config({ regularization: 'l2', regRate: 0.01 }));
    const d = await t.stepDetail();
    expect(d.steps).toBe(1);
    d.thetaAfter.forEach((v, i) =>
      expect(Math.abs(v - (d.thetaBefore[i]! - 0.03 * d.grad[i]!))).toBeLessThan(1e-6),
    );
  });

  it('catches divergence and restores the last good state', async () => {
    const t = await make(config({ dataset: 'plane', activation: 'linear', lr: 1e10 }));
    const r = await t.trainSteps(200);
    expect(r.diverged).not.toBeNull();
    expect(r.steps).toBeLessThan(200);
    expect(await t.restoreLastGood()).toBe(true);
    expect((await t.snapshot()).diverged).toBeNull();
  });
});
