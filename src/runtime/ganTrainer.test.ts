/**
 * The GAN trainer on onnxruntime-web's WASM backend in Node: seeded and reproducible,
 * hyperparameters applied without a rebuild, spec changes that keep or reinitialise the
 * parameters, divergence caught and undone, and the snapshot's shapes.
 */
import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import { GanConfigError, GanTrainer, type GanTrainConfig } from './ganTrainer';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const ring = Float32Array.from({ length: 64 }, (_, i) => {
  const a = (Math.floor(i / 2) / 32) * 2 * Math.PI;
  return i % 2 ? 0.5 + 0.3 * Math.sin(a) : 0.5 + 0.3 * Math.cos(a);
});

const config = (over: Partial<GanTrainConfig> = {}): GanTrainConfig => ({
  spec: {
    dataDim: 2,
    noiseDim: 2,
    batch: 16,
    generator: { hidden: [8, 8], activation: 'relu' },
    discriminator: { hidden: [8], activation: 'leaky_relu' },
    loss: 'non-saturating',
    optimizerG: 'adam',
    optimizerD: 'adam',
    dStepsPerG: 1,
  },
  seed: 42,
  data: ring,
  hyper: { lrG: 0.01, lrD: 0.01, momentum: 0.9, beta1: 0.5, beta2: 0.999, eps: 1e-8 },
  view: { samples: 10, gridSize: 6, bounds: [0, 1, 0, 1], manifoldSize: 4 },
  ...over,
});

const open: GanTrainer[] = [];
async function make(c: GanTrainConfig = config()): Promise<GanTrainer> {
  const t = await GanTrainer.create(ort, 'wasm', c);
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

const params = async (t: GanTrainer) => (await t.snapshot({ params: true })).params!;

describe('GanTrainer', () => {
  it('trains reproducibly from a seed, counting steps, with finite losses', async () => {
    const a = await make();
    const b = await make();
    expect(a.info.nodes.iteration).toBeGreaterThan(50);
    const ra = await a.step('iteration', 25);
    const rb = await b.step('iteration', 25);
    expect(ra).toMatchObject({ ran: 25, stepsD: 25, stepsG: 25, diverged: null });
    expect(ra.history.lossD).toHaveLength(25);
    expect(Array.from(ra.history.lossD).every(Number.isFinite)).toBe(true);
    expect(Array.from(ra.history.lossG)).toEqual(Array.from(rb.history.lossG));
    expect(ra.meanDReal).toBeGreaterThan(0);
    expect(ra.meanDReal).toBeLessThan(1);
    expect(Array.from((await params(a)).thetaG)).toEqual(Array.from((await params(b)).thetaG));
    const c = await make(config({ seed: 43 }));
    expect((await params(c)).thetaD).not.toEqual((await params(a)).thetaD);
  });

  it('snapshots what the views draw, in the documented shapes', async () => {
    const t = await make();
    const s = await t.snapshot({ params: true });
    expect(s.fake).toHaveLength(10 * 2);
    expect(s.dFake).toHaveLength(10);
    expect(s.fakeGrad).toHaveLength(10 * 2);
    expect(s.grid).toHaveLength(36);
    expect(s.gridSize).toBe(6);
    expect(s.manifold).toHaveLength(16 * 2);
    expect(Array.from(s.grid).every((d) => d > 0 && d < 1)).toBe(true);
    const { layoutG, layoutD, thetaG, thetaD } = s.params!;
    expect(layoutG.map((e) => e.name)).toEqual([
      'layer0.weight',
      'layer0.bias',
      'layer1.weight',
      'layer1.bias',
      'layer2.weight',
      'layer2.bias',
    ]);
    expect(thetaG).toHaveLength(8 * 3 + 8 * 9 + 2 * 9);
    expect(thetaD).toHaveLength(8 * 3 + 9);
    expect(layoutD.map((e) => e.offset)).toEqual([0, 16, 24, 32]);
    // PyTorch's nn.Linear init: |w| ≤ 1/√fan_in.
    const w1 = layoutG[2]!;
    const bound = 1 / Math.sqrt(8);
    for (let i = 0; i < w1.size; i++)
      expect(Math.abs(thetaG[w1.offset + i]!)).toBeLessThanOrEqual(bound);
  });

  it('applies hyperparameters on the next step without a rebuild', async () => {
    const t = await make();
    await t.step('iteration', 3);
    const before = await params(t);
    await t.setHyper({ lrG: 0, lrD: 0 });
    await t.step('iteration', 5);
    const after = await params(t);
    expect(Array.from(after.thetaG)).toEqual(Array.from(before.thetaG));
    expect(Array.from(after.thetaD)).toEqual(Array.from(before.thetaD));
    await t.setHyper({ lrD: 0.01 });
    await t.step('iteration', 1);
    const moved = await params(t);
    expect(Array.from(moved.thetaG)).toEqual(Array.from(before.thetaG));
    expect(moved.thetaD).not.toEqual(before.thetaD);
  });

  it('steps one network at a time, with the intermediates of the step view', async () => {
    const t = await make();
    const d = await t.step('d', 2);
    expect(d).toMatchObject({ stepsD: 2, stepsG: 0 });
    expect(Number.isNaN(d.history.lossG[0])).toBe(true);
    if (d.detail?.kind !== 'd') throw new Error('expected a D detail');
    expect(d.detail.real).toHaveLength(32);
    expect(d.detail.logits).toHaveLength(32);
    expect(d.detail.grad).toHaveLength(t.info.paramsD);
    expect(d.detail.gradNorm).toBeCloseTo(Math.hypot(...d.detail.grad), 4);
    // lossD = mean of the real terms + mean of the fake terms.
    const terms = Array.from(d.detail.terms);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(terms.slice(0, 16)) + mean(terms.slice(16))).toBeCloseTo(d.lossD, 5);
    const g = await t.step('g', 1);
    expect(g).toMatchObject({ stepsD: 2, stepsG: 1 });
    if (g.detail?.kind !== 'g') throw new Error('expected a G detail');
    expect(g.detail.fakeGrad).toHaveLength(32);
    expect(mean(Array.from(g.detail.terms))).toBeCloseTo(g.lossG, 5);
  });

  it('keeps the parameters on a new loss or optimizer, reinitialises on a new architecture', async () => {
    const t = await make();
    await t.step('iteration', 3);
    const before = await params(t);
    const spec = config().spec;
    expect(
      await t.setSpec({ ...spec, loss: 'lsgan', optimizerD: 'sgd', dStepsPerG: 2 }, 42),
    ).toEqual({
      reinitialised: false,
    });
    expect(Array.from((await params(t)).thetaD)).toEqual(Array.from(before.thetaD));
    const r = await t.step('iteration', 2);
    expect(r).toMatchObject({ stepsD: 3 + 4, stepsG: 5, diverged: null });
    expect(
      await t.setSpec({ ...spec, generator: { hidden: [4], activation: 'tanh' } }, 42),
    ).toEqual({ reinitialised: true });
    expect((await params(t)).thetaG).toHaveLength(4 * 3 + 2 * 5);
    expect(t.info.stepsG).toBe(0);
  });

  it('stops on divergence, naming the value, and restores the last good state', async () => {
    const t = await make(
      config({
        spec: { ...config().spec, optimizerD: 'sgd', optimizerG: 'sgd' },
        hyper: { lrG: 1e30, lrD: 1e30, momentum: 0, beta1: 0.5, beta2: 0.999, eps: 1e-8 },
      }),
    );
    const r = await t.step('iteration', 50);
    expect(r.diverged).not.toBeNull();
    expect(['lossD', 'lossG', 'thetaG', 'thetaD']).toContain(r.diverged!.value);
    expect(r.ran).toBeLessThan(50);
    // No more steps until restored.
    expect((await t.step('iteration', 5)).ran).toBe(0);
    expect(await t.restoreLastGood()).toBe(true);
    const good = await params(t);
    expect(Array.from(good.thetaG).every(Number.isFinite)).toBe(true);
    expect(Array.from(good.thetaD).every(Number.isFinite)).toBe(true);
    await t.setHyper({ lrG: 0.001, lrD: 0.001 });
    const again = await t.step('iteration', 3);
    expect(again).toMatchObject({ ran: 3, diverged: null });
  });

  it('rejects a bad configuration with a GanConfigError naming the field', async () => {
    await expect(
      GanTrainer.create(ort, 'wasm', config({ spec: { ...config().spec, batch: 0 } })),
    ).rejects.toThrow(/batch/);
    await expect(
      GanTrainer.create(ort, 'wasm', config({ data: new Float32Array(3) })),
    ).rejects.toBeInstanceOf(GanConfigError);
    const t = await make();
    await expect(t.setHyper({ lrD: NaN })).rejects.toThrow(/lrD/);
    await expect(t.step('iteration', 0)).rejects.toBeInstanceOf(GanConfigError);
  });
});
