/**
 * The walk's update rule: the one-parameter example against a hand computation of torch.optim's
 * Adam and SGD, and against the trainer itself (one D step on onnxruntime-web's WASM backend
 * in Node: the θ′ the rule shows equals the trainer's to float32 precision).
 */
import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import { GanTrainer, type GanTrainConfig } from '../../../runtime/ganTrainer';
import { ensureTemml, renderTex } from '../../../viz/Formula';
import { largestIndex, paramName, stepNormTex, updateExample, updateTex } from './updateRule';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const layout = [
  { name: 'layer0.weight', shape: [2, 2], offset: 0, size: 4 },
  { name: 'layer0.bias', shape: [2], offset: 4, size: 2 },
];
const hyper = { lr: 0.002, momentum: 0.9, beta1: 0.5, beta2: 0.999, eps: 1e-8 };

describe('updateExample', () => {
  it('names the largest-|g| parameter by its layer and position', () => {
    expect(largestIndex([0.1, -0.5, 0.3])).toBe(1);
    expect(paramName(layout, 3)).toBe('layer0.weight[1, 1]');
    expect(paramName(layout, 5)).toBe('layer0.bias[1]');
  });

  it('Adam: m, v, bias correction and θ′ as a hand computation gives them', () => {
    const theta = Float32Array.of(0.3, -0.2, 0.1, 0.05, 0.0, 0.4);
    const grad = Float32Array.of(0.01, -0.02, 0.5, 0.0, 0.1, -0.3);
    const m = Float32Array.of(0, 0, 0.2, 0, 0, 0);
    const v = Float32Array.of(0, 0, 0.04, 0, 0, 0);
    const ex = updateExample({
      kind: 'adam',
      hyper,
      layout,
      theta,
      thetaAfter: theta,
      grad,
      state: { m, v },
      t: 2, // two steps done: this is step 3
    });
    if (ex.kind !== 'adam') throw new Error('adam');
    // By hand: g = 0.5; m = 0.5·0.2 + 0.5·0.5 = 0.35; v = 0.999·0.04 + 0.001·0.25 = 0.04021;
    // m̂ = 0.35 / (1 − 0.125) = 0.4; v̂ = 0.04021 / (1 − 0.999³) = 0.04021 / 0.002997001.
    expect(ex.index).toBe(2);
    expect(ex.name).toBe('layer0.weight[1, 0]');
    expect(ex.t).toBe(3);
    expect(ex.m).toBeCloseTo(0.35, 7);
    expect(ex.v).toBeCloseTo(0.04021, 8);
    expect(ex.mHat).toBeCloseTo(0.4, 7);
    const vHat = 0.04021 / 0.002997001;
    expect(ex.vHat).toBeCloseTo(vHat, 4);
    expect(ex.thetaNext).toBeCloseTo(
      Math.fround(0.1) - (0.002 * 0.4) / (Math.sqrt(vHat) + 1e-8),
      9,
    );
  });

  it('SGD with momentum and without', () => {
    const theta = Float32Array.of(1, 2, 3, 4, 5, 6);
    const grad = Float32Array.of(0, 0, 0, 0, -2, 1);
    const buf = Float32Array.of(0, 0, 0, 0, 0.5, 0);
    const base = { layout, theta, thetaAfter: theta, grad, t: 0 };
    const ex = updateExample({ ...base, kind: 'sgd', hyper, state: { buf } });
    if (ex.kind !== 'sgd') throw new Error('sgd');
    expect(ex.buf).toBeCloseTo(0.9 * 0.5 - 2, 12);
    expect(ex.thetaNext).toBeCloseTo(5 - 0.002 * (0.45 - 2), 12);
    const plain = updateExample({
      ...base,
      kind: 'sgd',
      hyper: { ...hyper, momentum: 0 },
      state: { buf },
    });
    expect(plain.thetaNext).toBeCloseTo(5 + 0.004, 12);
  });

  it('typesets the rule with its numbers (no false equation: lr is not equated to a norm)', async () => {
    await ensureTemml();
    const theta = Float32Array.of(0.3, -0.2, 0.1, 0.05, 0.0, 0.4);
    const after = Float32Array.of(0.3, -0.2, 0.098, 0.05, 0.0, 0.4);
    const ex = updateExample({
      kind: 'adam',
      hyper,
      layout,
      theta,
      thetaAfter: after,
      grad: Float32Array.of(0, 0, 0.5, 0, 0, 0),
      state: {},
      t: 0,
    });
    const tex = updateTex(ex, 'D');
    expect(tex).toContain('\\hat m');
    expect(tex).toContain('\\leftarrow');
    expect(tex).not.toMatch(/lr\s*=\s*0\.002/);
    expect(renderTex(tex, true)).toContain('<math');
    expect(renderTex(tex, true)).not.toContain('merror');
    expect(ex.stepNorm).toBeCloseTo(0.002, 6);
    expect(stepNormTex(ex, 'D')).toContain('0.002');
  });
});

describe('the update the walk shows equals the trainer’s', () => {
  const open: GanTrainer[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });
  const ring = Float32Array.from({ length: 64 }, (_, i) => {
    const a = (Math.floor(i / 2) / 32) * 2 * Math.PI;
    return i % 2 ? 0.5 * Math.sin(a) : 0.5 * Math.cos(a);
  });
  const config = (opt: 'adam' | 'sgd'): GanTrainConfig => ({
    spec: {
      dataDim: 2,
      noiseDim: 2,
      batch: 16,
      generator: { hidden: [8], activation: 'relu' },
      discriminator: { hidden: [8], activation: 'relu' },
      loss: 'non-saturating',
      optimizerG: opt,
      optimizerD: opt,
      dStepsPerG: 1,
    },
    seed: 7,
    data: ring,
    hyper: { lrG: 0.01, lrD: 0.02, momentum: 0.9, beta1: 0.5, beta2: 0.999, eps: 1e-8 },
    view: { samples: 8, gridSize: 4, bounds: [-1, 1, -1, 1], manifoldSize: 0 },
  });

  for (const opt of ['adam', 'sgd'] as const)
    it(`${opt}: D's and G's steps, after some history`, async () => {
      const c = config(opt);
      const t = await GanTrainer.create(ort, 'wasm', c);
      open.push(t);
      await t.step('iteration', 3); // non-zero optimizer state
      for (const net of ['D', 'G'] as const) {
        const before = (await t.snapshot({ params: true })).params!;
        const r = await t.step(net === 'D' ? 'd' : 'g');
        const after = (await t.snapshot({ params: true })).params!;
        const ex = updateExample({
          kind: opt,
          hyper: { ...c.hyper, lr: net === 'D' ? c.hyper.lrD : c.hyper.lrG },
          layout: net === 'D' ? before.layoutD : before.layoutG,
          theta: net === 'D' ? before.thetaD : before.thetaG,
          thetaAfter: net === 'D' ? after.thetaD : after.thetaG,
          grad: r.detail!.grad,
          state: {
            m: before.opt[`m${net}`],
            v: before.opt[`v${net}`],
            buf: before.opt[`buf${net}`],
          },
          t: net === 'D' ? before.tD : before.tG,
        });
        expect(Math.abs(ex.g)).toBeGreaterThan(0);
        // float64 here, float32 in the graph.
        expect(Math.abs(ex.thetaNext - ex.thetaTrainer)).toBeLessThan(1e-6);
        expect(Math.abs(ex.thetaNext - ex.theta)).toBeGreaterThan(0);
        // The optimizer state the trainer keeps after the step is the one computed here.
        if (ex.kind === 'adam') {
          expect(after.opt[`m${net}`]![ex.index]).toBeCloseTo(ex.m, 6);
          expect(after.opt[`v${net}`]![ex.index]).toBeCloseTo(ex.v, 8);
        } else expect(after.opt[`buf${net}`]![ex.index]).toBeCloseTo(ex.buf, 6);
      }
    });
});
