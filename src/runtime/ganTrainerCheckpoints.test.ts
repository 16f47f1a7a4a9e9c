/**
 * The GAN trainer's checkpoint ring on onnxruntime-web's WASM backend in Node: checkpoints at
 * every CHECKPOINT_EVERY-th G step, at most CHECKPOINT_KEEP of them, restoring one brings back
 * exactly the parameters read at that step, a divergence names the one to go back to, a reset
 * or a new architecture drops them all — and no tensor is disposed twice, used after it was
 * disposed, or left undisposed by `dispose()`.
 */
import * as ort from 'onnxruntime-web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHECKPOINT_EVERY,
  CHECKPOINT_KEEP,
  GanTrainer,
  type GanHyper,
  type GanTrainConfig,
} from './ganTrainer';

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
    generator: { hidden: [8], activation: 'relu' },
    discriminator: { hidden: [8], activation: 'leaky_relu' },
    loss: 'non-saturating',
    optimizerG: 'adam',
    optimizerD: 'adam',
    dStepsPerG: 1,
  },
  seed: 7,
  data: ring,
  hyper: { lrG: 0.01, lrD: 0.01, momentum: 0.9, beta1: 0.5, beta2: 0.999, eps: 1e-8 },
  view: { samples: 8, gridSize: 4, bounds: [0, 1, 0, 1], manifoldSize: 3 },
  ...over,
});

/** Learning rates no float32 survives: the next run overflows. */
const EXPLODE: Partial<GanHyper> = { lrG: 1e30, lrD: 1e30 };

// --- tensor ownership, watched through ORT's own classes ------------------------------------

const STATE = /^(theta|m|v|buf)[GD]$/;
type Feeds = Record<string, ort.Tensor>;
let disposed: Set<ort.Tensor>;
let stateTensors: Set<ort.Tensor>;
let problems: string[];

beforeEach(() => {
  disposed = new Set();
  stateTensors = new Set();
  problems = [];
  const tensors = ort.Tensor.prototype as { dispose: (this: ort.Tensor) => void };
  const dispose = tensors.dispose;
  vi.spyOn(tensors, 'dispose').mockImplementation(function (this: ort.Tensor) {
    if (disposed.has(this)) problems.push(`disposed twice: ${this.dims.join('×')}`);
    disposed.add(this);
    dispose.call(this);
  });
  // ORT types InferenceSession as a factory; at run time it is the class of every session.
  type Run = (this: unknown, feeds: Feeds) => Promise<Feeds>;
  const sessions = (ort.InferenceSession as unknown as { prototype: { run: Run } }).prototype;
  const run = sessions.run;
  vi.spyOn(sessions, 'run').mockImplementation(async function (this: unknown, feeds: Feeds) {
    for (const [name, t] of Object.entries(feeds))
      if (STATE.test(name)) {
        if (disposed.has(t)) problems.push(`${name} fed after it was disposed`);
        stateTensors.add(t);
      }
    const out = await run.call(this, feeds);
    for (const [name, t] of Object.entries(out)) if (name.endsWith('_next')) stateTensors.add(t);
    return out;
  });
});

const open: GanTrainer[] = [];
async function make(c: GanTrainConfig = config()): Promise<GanTrainer> {
  const t = await GanTrainer.create(ort, 'wasm', c);
  open.push(t);
  return t;
}

afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
  // Every parameter and optimizer tensor any run saw is gone, each exactly once.
  const leaked = [...stateTensors].filter((t) => !disposed.has(t));
  vi.restoreAllMocks();
  expect(problems).toEqual([]);
  expect(leaked).toHaveLength(0);
});

const params = async (t: GanTrainer) => (await t.snapshot({ params: true })).params!;
const gSteps = (t: GanTrainer) => t.checkpoints.map((c) => c.stepsG);
const every = (...k: number[]) => k.map((i) => i * CHECKPOINT_EVERY);

describe('GanTrainer checkpoints', () => {
  it('the watch sees the trainer’s tensors (it would miss leaks otherwise)', async () => {
    const t = await make();
    await t.step('iteration', 2);
    expect(stateTensors.size).toBeGreaterThan(6);
  });

  it('takes one at every CHECKPOINT_EVERY-th G step and keeps the newest CHECKPOINT_KEEP', async () => {
    expect(CHECKPOINT_EVERY).toBeGreaterThan(1);
    expect(CHECKPOINT_KEEP).toBeGreaterThan(1);
    const t = await make();
    expect(t.info).toMatchObject({
      checkpointEvery: CHECKPOINT_EVERY,
      checkpointKeep: CHECKPOINT_KEEP,
    });
    await t.step('iteration', CHECKPOINT_EVERY - 1);
    expect(t.checkpoints).toEqual([]);
    // D-only steps leave G's count, and take none.
    await t.step('d', 3);
    expect(t.checkpoints).toEqual([]);
    await t.step('g', 1);
    expect(t.checkpoints).toEqual([{ stepsG: CHECKPOINT_EVERY, stepsD: CHECKPOINT_EVERY + 2 }]);
    // Many runs in one call: each crossing counts.
    await t.step('iteration', CHECKPOINT_EVERY * (CHECKPOINT_KEEP + 1) + 3);
    expect(t.info.stepsG).toBe(CHECKPOINT_EVERY * (CHECKPOINT_KEEP + 2) + 3);
    expect(t.checkpoints).toHaveLength(CHECKPOINT_KEEP);
    expect(gSteps(t)).toEqual(every(3, 4, 5, 6).slice(-CHECKPOINT_KEEP));
  });

  it('restores exactly the parameters and losses read at a checkpoint’s step', async () => {
    const t = await make();
    await t.step('iteration', 2 * CHECKPOINT_EVERY);
    const at = await t.snapshot({ params: true });
    await t.step('iteration', 2 * CHECKPOINT_EVERY + 7);
    expect((await params(t)).thetaG).not.toEqual(at.params!.thetaG);
    expect(await t.restoreCheckpoint(2 * CHECKPOINT_EVERY)).toEqual({
      stepsD: 2 * CHECKPOINT_EVERY,
      stepsG: 2 * CHECKPOINT_EVERY,
    });
    const back = await t.snapshot({ params: true });
    expect(Array.from(back.params!.thetaG)).toEqual(Array.from(at.params!.thetaG));
    expect(Array.from(back.params!.thetaD)).toEqual(Array.from(at.params!.thetaD));
    expect(Array.from(back.fake)).toEqual(Array.from(at.fake));
    expect([back.stepsG, back.stepsD]).toEqual([at.stepsG, at.stepsD]);
    expect([back.lossD, back.lossG, back.meanDReal]).toEqual([at.lossD, at.lossG, at.meanDReal]);
    expect(Number.isFinite(back.lossD)).toBe(true);
    // The newer checkpoints belonged to the run left behind; the restored one stays.
    expect(gSteps(t)).toEqual(every(1, 2));
    expect(await t.restoreCheckpoint(4 * CHECKPOINT_EVERY)).toBeNull();
    // Training goes on from there, taking new checkpoints.
    const r = await t.step('iteration', CHECKPOINT_EVERY);
    expect(r).toMatchObject({
      ran: CHECKPOINT_EVERY,
      stepsG: 3 * CHECKPOINT_EVERY,
      diverged: null,
    });
    expect(gSteps(t)).toEqual(every(1, 2, 3));
    // Back to the same one again.
    await t.restoreCheckpoint(2 * CHECKPOINT_EVERY);
    expect(Array.from((await params(t)).thetaG)).toEqual(Array.from(at.params!.thetaG));
  });

  it('after divergence names the checkpoint older than the last good state, and goes back to it', async () => {
    const t = await make();
    await t.step('iteration', 2 * CHECKPOINT_EVERY);
    const at = await params(t);
    await t.step('iteration', 5);
    await t.setHyper(EXPLODE);
    const r = await t.step('iteration', 10);
    expect(r.diverged).toMatchObject({
      stepsG: 2 * CHECKPOINT_EVERY + 6,
      lastGood: { stepsG: 2 * CHECKPOINT_EVERY + 5 },
      checkpoint: { stepsG: 2 * CHECKPOINT_EVERY, stepsD: 2 * CHECKPOINT_EVERY },
    });
    expect(await t.restoreCheckpoint(r.diverged!.checkpoint!.stepsG)).toMatchObject({
      stepsG: 2 * CHECKPOINT_EVERY,
    });
    const s = await t.snapshot({ params: true });
    expect(s.diverged).toBeNull();
    expect(Array.from(s.params!.thetaG)).toEqual(Array.from(at.thetaG));
    expect(Array.from(s.params!.thetaD)).toEqual(Array.from(at.thetaD));
    // Nothing to restore to after that: the last good state went with the diverged one.
    expect(await t.restoreLastGood()).toBe(false);
    await t.setHyper({ lrG: 0.001, lrD: 0.001 });
    expect(await t.step('iteration', 3)).toMatchObject({ ran: 3, diverged: null });
  });

  it('when the last good state is a checkpoint, names the one before it', async () => {
    const t = await make();
    await t.step('iteration', 2 * CHECKPOINT_EVERY);
    await t.setHyper(EXPLODE);
    const r = await t.step('iteration', 10);
    expect(r.diverged).toMatchObject({
      stepsG: 2 * CHECKPOINT_EVERY + 1,
      lastGood: { stepsG: 2 * CHECKPOINT_EVERY },
      checkpoint: { stepsG: CHECKPOINT_EVERY },
    });
    // Restoring the last good state keeps the ring.
    expect(await t.restoreLastGood()).toBe(true);
    expect(gSteps(t)).toEqual(every(1, 2));
    await t.setHyper(EXPLODE);
    const again = await t.step('iteration', 10);
    expect(again.diverged?.checkpoint).toEqual({
      stepsG: CHECKPOINT_EVERY,
      stepsD: CHECKPOINT_EVERY,
    });
  });

  it('diverging before the first checkpoint offers none', async () => {
    const t = await make();
    await t.setHyper(EXPLODE);
    const r = await t.step('iteration', 10);
    expect(r.diverged).toMatchObject({ lastGood: { stepsG: r.stepsG - 1 }, checkpoint: null });
  });

  it('a checkpoint from before an optimizer change trains on with the new optimizer', async () => {
    const sgd = config({ spec: { ...config().spec, optimizerG: 'sgd', optimizerD: 'sgd' } });
    const t = await make(sgd);
    await t.step('iteration', CHECKPOINT_EVERY + 2);
    const at = await t.setSpec({ ...sgd.spec, optimizerG: 'adam', optimizerD: 'adam' }, 7);
    expect(at).toEqual({ reinitialised: false });
    expect(gSteps(t)).toEqual(every(1));
    await t.restoreCheckpoint(CHECKPOINT_EVERY);
    expect(await t.step('iteration', 2)).toMatchObject({ ran: 2, diverged: null });
  });

  it('a reset or a new architecture drops them all; a new loss keeps them', async () => {
    const t = await make();
    await t.step('iteration', 2 * CHECKPOINT_EVERY);
    expect(await t.setSpec({ ...config().spec, loss: 'lsgan' }, 7)).toEqual({
      reinitialised: false,
    });
    expect(gSteps(t)).toEqual(every(1, 2));
    await t.reinitialise(7);
    expect(t.checkpoints).toEqual([]);
    expect(await t.restoreCheckpoint(CHECKPOINT_EVERY)).toBeNull();
    await t.step('iteration', CHECKPOINT_EVERY);
    expect(gSteps(t)).toEqual(every(1));
    const arch = { ...config().spec, generator: { hidden: [4], activation: 'tanh' as const } };
    expect(await t.setSpec(arch, 7)).toEqual({ reinitialised: true });
    expect(t.checkpoints).toEqual([]);
    expect(await t.restoreCheckpoint(CHECKPOINT_EVERY)).toBeNull();
    // Divergence right after: the last good state is the fresh one, with nothing older.
    await t.setHyper(EXPLODE);
    const r = await t.step('iteration', 5);
    expect(r.diverged?.checkpoint).toBeNull();
  });

  it('dispose releases the state, the last good state and every checkpoint', async () => {
    const t = await GanTrainer.create(ort, 'wasm', config());
    await t.step('iteration', 3 * CHECKPOINT_EVERY + 1);
    await t.setHyper(EXPLODE);
    await t.step('iteration', 5);
    await t.dispose();
    // afterEach checks that every state tensor seen was disposed, once.
    expect(t.checkpoints).toEqual([]);
  });
});
