/**
 * The GAN train-step graphs, run in Node on onnxruntime-web's WASM backend (the page's
 * fallback): gradients against central finite differences of the float64 reference in
 * core/mlp.ts, optimizer updates against torch.optim's formulas, and whole steps against
 * PyTorch (models/fixtures/gan/*.json, written by models/recipes/gan_cases.py).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { ganLossesFromLogits, mlpForward } from '../../core/mlp';
import { seededNormal, seededRandom } from '../../core/random';
import type { Tensor } from '../../core/tensor';
import { ModelSession } from '../session';
import {
  GAN_LEAKY_SLOPE,
  ganGraphs,
  mlpLayout,
  paramCount,
  type GanGraph,
  type GanLoss,
  type GanOptimizer,
  type GanSpec,
} from './gan';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const sessions = new Map<string, Promise<ModelSession>>();
afterAll(async () => {
  for (const s of sessions.values()) await (await s).dispose();
});

async function run(
  graph: GanGraph,
  feeds: Record<string, Tensor>,
): Promise<Record<string, Tensor>> {
  let s = sessions.get(graph.key);
  if (!s) {
    s = ModelSession.create(ort, graph.bytes, 'wasm');
    sessions.set(graph.key, s);
  }
  const out = await (await s).run(feeds);
  for (const o of graph.outputs) expect(out[o.name]!.dims, o.name).toEqual(o.dims);
  return out;
}

const tensor = (dims: number[], data: ArrayLike<number>): Tensor => ({
  dims,
  data: Float32Array.from(data),
});
const scalar = (v: number) => tensor([], [v]);

function randomArray(n: number, rand: () => number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => rand() * scale);
}

const VIEW = { samples: 5, gridPoints: 4, manifoldPoints: 3 };

function smallSpec(over: Partial<GanSpec> = {}): GanSpec {
  return {
    dataDim: 2,
    noiseDim: 2,
    batch: 4,
    generator: { hidden: [5, 4], activation: 'tanh' },
    discriminator: { hidden: [6], activation: 'leaky_relu' },
    loss: 'minimax',
    optimizerG: 'adam',
    optimizerD: 'sgd',
    dStepsPerG: 1,
    ...over,
  };
}

/** Fixed random parameters, state, batches and hyperparameters for a spec. */
function feedsFor(spec: GanSpec, seed: number) {
  const normal = seededNormal(seededRandom(seed));
  const pG = paramCount(mlpLayout(spec.noiseDim, spec.generator.hidden, spec.dataDim));
  const pD = paramCount(mlpLayout(spec.dataDim, spec.discriminator.hidden, 1));
  const B = spec.batch;
  const f: Record<string, Tensor> = {
    thetaG: tensor([pG], randomArray(pG, normal, 0.5)),
    thetaD: tensor([pD], randomArray(pD, normal, 0.5)),
    mG: tensor([pG], randomArray(pG, normal, 0.01)),
    vG: tensor(
      [pG],
      randomArray(pG, () => Math.abs(normal()), 0.001),
    ),
    mD: tensor([pD], randomArray(pD, normal, 0.01)),
    vD: tensor(
      [pD],
      randomArray(pD, () => Math.abs(normal()), 0.001),
    ),
    bufG: tensor([pG], randomArray(pG, normal, 0.01)),
    bufD: tensor([pD], randomArray(pD, normal, 0.01)),
    tG: scalar(3),
    tD: scalar(5),
    lrG: scalar(0.01),
    lrD: scalar(0.05),
    momentum: scalar(0.9),
    beta1: scalar(0.5),
    beta2: scalar(0.999),
    eps: scalar(1e-8),
    zG: tensor([B, spec.noiseDim], randomArray(B * spec.noiseDim, normal)),
    zView: tensor([VIEW.samples, spec.noiseDim], randomArray(VIEW.samples * spec.noiseDim, normal)),
    grid: tensor(
      [VIEW.gridPoints, spec.dataDim],
      randomArray(VIEW.gridPoints * spec.dataDim, normal),
    ),
    zManifold: tensor(
      [VIEW.manifoldPoints, spec.noiseDim],
      randomArray(VIEW.manifoldPoints * spec.noiseDim, normal),
    ),
  };
  for (let i = 0; i < spec.dStepsPerG; i++) {
    f[`real${i}`] = tensor([B, spec.dataDim], randomArray(B * spec.dataDim, normal));
    f[`zD${i}`] = tensor([B, spec.noiseDim], randomArray(B * spec.noiseDim, normal));
  }
  return f;
}

/** Only the inputs a graph declares. */
const pick = (g: GanGraph, f: Record<string, Tensor>) =>
  Object.fromEntries(
    g.inputs.map((i) => {
      // The iteration graph names its first batch real0 / zD0 too.
      const t = f[i.name];
      if (!t) throw new Error(`no feed for ${i.name}`);
      return [i.name, t];
    }),
  );

/** The float64 reference losses for given parameters and batches. */
function refLosses(
  spec: GanSpec,
  thetaG: ArrayLike<number>,
  thetaD: ArrayLike<number>,
  real: ArrayLike<number>,
  z: ArrayLike<number>,
) {
  const B = spec.batch;
  const dimsG = [spec.noiseDim, ...spec.generator.hidden, spec.dataDim];
  const dimsD = [spec.dataDim, ...spec.discriminator.hidden, 1];
  const fake = mlpForward(z, B, dimsG, thetaG, spec.generator.activation, GAN_LEAKY_SLOPE);
  const act = spec.discriminator.activation;
  const dReal = mlpForward(real, B, dimsD, thetaD, act, GAN_LEAKY_SLOPE);
  const dFake = mlpForward(fake, B, dimsD, thetaD, act, GAN_LEAKY_SLOPE);
  return { fake, dReal, dFake, ...ganLossesFromLogits(dReal, dFake, spec.loss) };
}

/** Central differences of f at x (float64), step h. */
function numericGrad(x: ArrayLike<number>, f: (x: Float64Array) => number, h = 1e-4): Float64Array {
  const p = Float64Array.from(x);
  const g = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    p[i] = v + h;
    const up = f(p);
    p[i] = v - h;
    const down = f(p);
    p[i] = v;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** Largest |a − b| / (1 + |b|). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++)
    m = Math.max(m, Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!)));
  return m;
}

const LOSSES: GanLoss[] = ['minimax', 'non-saturating', 'lsgan'];

describe('ganGraphs: gradients against finite differences (float64 reference)', () => {
  for (const loss of LOSSES)
    for (const act of ['tanh', 'leaky_relu', 'relu'] as const) {
      it(`${loss}, ${act}: D and G gradients, losses, mean D outputs, per-sample arrows`, async () => {
        const spec = smallSpec({
          loss,
          generator: { hidden: [5, 4], activation: act },
          discriminator: { hidden: [6, 3], activation: act },
        });
        const graphs = ganGraphs(spec, VIEW);
        const f = feedsFor(spec, 7);
        const thetaG = f.thetaG!.data;
        const thetaD = f.thetaD!.data;
        const ref = refLosses(spec, thetaG, thetaD, f.real0!.data, f.zD0!.data);

        const d = await run(graphs.dStep, pick(graphs.dStep, f));
        expect(d.lossD!.data[0]).toBeCloseTo(ref.lossD, 5);
        const numD = numericGrad(
          thetaD,
          (t) => refLosses(spec, thetaG, t, f.real0!.data, f.zD0!.data).lossD,
        );
        expect(relErr(d.gradD!.data, numD)).toBeLessThan(2e-4);
        const norm = Math.hypot(...d.gradD!.data);
        expect(d.gradNormD!.data[0]).toBeCloseTo(norm, 5);
        const sig = (l: number) => (loss === 'lsgan' ? l : 1 / (1 + Math.exp(-l)));
        const meanOf = (xs: ArrayLike<number>) =>
          Array.from(xs).reduce((a, b) => a + sig(b), 0) / xs.length;
        expect(d.meanD!.data[0]).toBeCloseTo(meanOf(ref.dReal), 5);
        expect(d.meanD!.data[1]).toBeCloseTo(meanOf(ref.dFake), 5);
        expect(relErr(d.dLogits!.data, [...ref.dReal, ...ref.dFake])).toBeLessThan(1e-5);

        const refG = refLosses(spec, thetaG, thetaD, f.real0!.data, f.zG!.data);
        const g = await run(graphs.gStep, pick(graphs.gStep, f));
        expect(g.lossG!.data[0]).toBeCloseTo(refG.lossG, 5);
        const numG = numericGrad(
          thetaG,
          (t) => refLosses(spec, t, thetaD, f.real0!.data, f.zG!.data).lossG,
        );
        expect(relErr(g.gradG!.data, numG)).toBeLessThan(2e-4);
        expect(relErr(g.fake!.data, refG.fake)).toBeLessThan(1e-5);
        // fakeGrad: B · ∂lossG/∂fake, the per-sample gradient.
        const dimsD = [spec.dataDim, ...spec.discriminator.hidden, 1];
        const lossOfFake = (x: Float64Array) =>
          ganLossesFromLogits(
            [0],
            mlpForward(x, spec.batch, dimsD, thetaD, act, GAN_LEAKY_SLOPE),
            loss,
          ).lossG * spec.batch;
        expect(relErr(g.fakeGrad!.data, numericGrad(refG.fake, lossOfFake))).toBeLessThan(2e-4);

        // The view: the same numbers on its own batch.
        const v = await run(graphs.view, pick(graphs.view, f));
        const refV = refLosses(
          { ...spec, batch: VIEW.samples },
          thetaG,
          thetaD,
          new Float64Array(VIEW.samples * spec.dataDim),
          f.zView!.data,
        );
        expect(relErr(v.fake!.data, refV.fake)).toBeLessThan(1e-5);
        expect(relErr(v.dFake!.data, Array.from(refV.dFake, sig))).toBeLessThan(1e-5);
        const lossOfView = (x: Float64Array) =>
          ganLossesFromLogits(
            [0],
            mlpForward(x, VIEW.samples, dimsD, thetaD, act, GAN_LEAKY_SLOPE),
            loss,
          ).lossG * VIEW.samples;
        expect(relErr(v.fakeGrad!.data, numericGrad(refV.fake, lossOfView))).toBeLessThan(2e-4);
        const gridOut = mlpForward(
          f.grid!.data,
          VIEW.gridPoints,
          dimsD,
          thetaD,
          act,
          GAN_LEAKY_SLOPE,
        );
        expect(relErr(v.dGrid!.data, Array.from(gridOut, sig))).toBeLessThan(1e-5);
        const dimsG = [spec.noiseDim, ...spec.generator.hidden, spec.dataDim];
        const manifold = mlpForward(
          f.zManifold!.data,
          VIEW.manifoldPoints,
          dimsG,
          thetaG,
          act,
          GAN_LEAKY_SLOPE,
        );
        expect(relErr(v.manifold!.data, manifold)).toBeLessThan(1e-5);
      });
    }
});

describe('ganGraphs: optimizer updates follow torch.optim', () => {
  for (const opt of ['sgd', 'adam'] as GanOptimizer[])
    it(`${opt}: the D step's new state from its own gradient`, async () => {
      const spec = smallSpec({ optimizerD: opt });
      const graphs = ganGraphs(spec, VIEW);
      const f = feedsFor(spec, 11);
      const d = await run(graphs.dStep, pick(graphs.dStep, f));
      const g = d.gradD!.data;
      const theta = f.thetaD!.data;
      const lr = 0.05;
      const expected = new Float64Array(theta.length);
      if (opt === 'sgd') {
        const buf = Array.from(f.bufD!.data, (b, i) => 0.9 * b + g[i]!);
        buf.forEach((b, i) => (expected[i] = theta[i]! - lr * b));
        expect(relErr(d.bufD_next!.data, buf)).toBeLessThan(1e-6);
      } else {
        const [b1, b2, eps, t] = [0.5, 0.999, 1e-8, 6];
        const m = Array.from(f.mD!.data, (v, i) => b1 * v + (1 - b1) * g[i]!);
        const v = Array.from(f.vD!.data, (x, i) => b2 * x + (1 - b2) * g[i]! ** 2);
        const bc1 = 1 - b1 ** t;
        const bc2 = 1 - b2 ** t;
        m.forEach((mi, i) => {
          expected[i] = theta[i]! - (lr / bc1) * (mi / (Math.sqrt(v[i]!) / Math.sqrt(bc2) + eps));
        });
        expect(relErr(d.mD_next!.data, m)).toBeLessThan(1e-6);
        expect(relErr(d.vD_next!.data, v)).toBeLessThan(1e-6);
      }
      expect(relErr(d.thetaD_next!.data, expected)).toBeLessThan(1e-5);
      expect(d.normD!.data[0]).toBeCloseTo(
        Array.from(d.thetaD_next!.data).reduce((a, b) => a + Math.abs(b), 0),
        3,
      );
    });
});

describe('ganGraphs: the fused iteration equals its D and G steps run one after another', () => {
  for (const k of [1, 2])
    it(`dStepsPerG ${k}`, async () => {
      const spec = smallSpec({ dStepsPerG: k, optimizerD: 'adam', optimizerG: 'sgd' });
      const graphs = ganGraphs(spec, VIEW);
      const f = feedsFor(spec, 3);
      const it = await run(graphs.iteration, pick(graphs.iteration, f));
      const state = { ...f };
      let last: Record<string, Tensor> = {};
      for (let i = 0; i < k; i++) {
        last = await run(
          graphs.dStep,
          pick(graphs.dStep, { ...state, real0: f[`real${i}`]!, zD0: f[`zD${i}`]! }),
        );
        state.thetaD = last.thetaD_next!;
        state.mD = last.mD_next!;
        state.vD = last.vD_next!;
        state.tD = scalar(state.tD!.data[0]! + 1);
      }
      const g = await run(graphs.gStep, pick(graphs.gStep, state));
      expect(relErr(it.thetaD_next!.data, state.thetaD!.data)).toBeLessThan(1e-6);
      expect(relErr(it.vD_next!.data, state.vD!.data)).toBeLessThan(1e-6);
      expect(relErr(it.thetaG_next!.data, g.thetaG_next!.data)).toBeLessThan(1e-6);
      expect(relErr(it.bufG_next!.data, g.bufG_next!.data)).toBeLessThan(1e-6);
      expect(it.lossD!.data[0]).toBeCloseTo(last.lossD!.data[0]!, 6);
      expect(it.lossG!.data[0]).toBeCloseTo(g.lossG!.data[0]!, 6);
      expect(Array.from(it.meanD!.data)).toEqual(Array.from(last.meanD!.data));
    });
});

interface Fixture {
  loss: GanLoss;
  optimizer: GanOptimizer;
  spec: GanSpec;
  hyper: Record<string, number>;
  tolerance: number;
  thetaG: number[];
  thetaD: number[];
  batches: { real: number[]; zD: number[]; zG: number[] }[];
  dStep: { thetaD: number[]; lossD: number; meanD: number[] };
  gStep: { thetaG: number[]; lossG: number };
  iterations: {
    thetaG: number[];
    thetaD: number[];
    lossD: number;
    lossG: number;
    meanD: number[];
  }[];
}

const FIXTURES = new URL('../../../models/fixtures/gan/', import.meta.url);

describe('ganGraphs against PyTorch (models/fixtures/gan, tolerance in each file)', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
  it('has a fixture for every loss × optimizer', () => {
    expect(files.sort()).toEqual(
      LOSSES.flatMap((l) => ['adam', 'sgd'].map((o) => `${l}_${o}.json`)).sort(),
    );
  });
  for (const file of files)
    it(file, async () => {
      const fx = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Fixture;
      const { spec, tolerance: tol } = fx;
      const graphs = ganGraphs(spec, VIEW);
      const B = spec.batch;
      const pG = fx.thetaG.length;
      const pD = fx.thetaD.length;
      const zeros = (n: number) => tensor([n], new Float32Array(n));
      const state: Record<string, Tensor> = {
        thetaG: tensor([pG], fx.thetaG),
        thetaD: tensor([pD], fx.thetaD),
        mG: zeros(pG),
        vG: zeros(pG),
        bufG: zeros(pG),
        mD: zeros(pD),
        vD: zeros(pD),
        bufD: zeros(pD),
        tG: scalar(0),
        tD: scalar(0),
        ...Object.fromEntries(Object.entries(fx.hyper).map(([k, v]) => [k, scalar(v)])),
      };
      const batch = (i: number) => ({
        real0: tensor([B, 2], fx.batches[i]!.real),
        zD0: tensor([B, 2], fx.batches[i]!.zD),
        zG: tensor([B, 2], fx.batches[i]!.zG),
      });
      const close = (a: Tensor | undefined, b: number | number[]) =>
        relErr(a!.data, typeof b === 'number' ? [b] : b);

      const d = await run(graphs.dStep, pick(graphs.dStep, { ...state, ...batch(0) }));
      expect(close(d.thetaD_next, fx.dStep.thetaD)).toBeLessThan(tol);
      expect(close(d.lossD, fx.dStep.lossD)).toBeLessThan(tol);
      expect(close(d.meanD, fx.dStep.meanD)).toBeLessThan(tol);

      const g = await run(graphs.gStep, pick(graphs.gStep, { ...state, ...batch(0) }));
      expect(close(g.thetaG_next, fx.gStep.thetaG)).toBeLessThan(tol);
      expect(close(g.lossG, fx.gStep.lossG)).toBeLessThan(tol);

      for (const [i, want] of fx.iterations.entries()) {
        const out = await run(graphs.iteration, pick(graphs.iteration, { ...state, ...batch(i) }));
        for (const [k, v] of Object.entries(out))
          if (k.endsWith('_next')) state[k.slice(0, -5)] = v;
        state.tG = scalar(i + 1);
        state.tD = scalar(i + 1);
        expect(close(out.thetaG_next, want.thetaG), `iteration ${i} thetaG`).toBeLessThan(tol);
        expect(close(out.thetaD_next, want.thetaD), `iteration ${i} thetaD`).toBeLessThan(tol);
        expect(close(out.lossD, want.lossD)).toBeLessThan(tol);
        expect(close(out.lossG, want.lossG)).toBeLessThan(tol);
        expect(close(out.meanD, want.meanD)).toBeLessThan(tol);
      }
    });
});
