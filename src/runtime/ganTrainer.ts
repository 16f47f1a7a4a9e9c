/**
 * Trains the GAN lesson's networks by running the train-step graphs of graph/gan.ts as
 * ordinary inference (DESIGN.md, "Training in the page"). Runs in the inference worker; owns
 * its sessions and every parameter tensor.
 *
 * - Parameters and optimizer state are one flat vector each per network. On WebGPU they stay
 *   on the GPU between steps (`preferredOutputLocation: 'gpu-buffer'`; the outputs of one run
 *   are the inputs of the next, the old ones disposed); only losses and what is drawn are read
 *   back. On WASM they stay in the worker's memory.
 * - Real batches are drawn, with replacement, from the data set given once; noise is N(0, 1);
 *   both from seeded generators (core/random), so a seed reproduces a run on one backend.
 * - Hyperparameters apply on the next step; a new loss, optimizer, batch size or D steps per
 *   G step rebuilds the graphs and keeps the parameters (an optimizer that changes kind
 *   starts from fresh state); a new architecture reinitialises the parameters.
 * - Divergence: after every run the losses and the L1 norms of the new parameters are
 *   checked; on NaN or ∞ training stops with `diverged` naming the value, the diverged state
 *   is kept for inspection and the last good one can be restored with `restoreLastGood()`.
 *   That state is one run before the blow-up and, with the same settings, often blows up
 *   again at once, so a small ring of checkpoints goes back further: the state after every
 *   CHECKPOINT_EVERY-th generator step, the newest CHECKPOINT_KEEP of them, brought back by
 *   `restoreCheckpoint(stepsG)`.
 * - Ownership: states share tensors (a run's outputs replace only what it updates, a
 *   checkpoint or the last good state is the very tensors the next run read), so a tensor is
 *   disposed only when no state the trainer holds — the current one, the last good one, a
 *   checkpoint — holds it any more (`release`). Nothing is copied: on WebGPU a checkpoint is
 *   GPU buffers that would otherwise have been freed, at most the parameters and optimizer
 *   state of both networks (about 2 MB each at the playground's largest size).
 *
 * Calls never overlap: each public method waits for the one before (WebGPU runs must not
 * overlap). The machinery — state tensors and their ownership, sessions, the ORT queue,
 * divergence, the checkpoint ring — is the training engine's (trainer/engine.ts); this file
 * keeps what is the GAN's: two networks, their optimizers, real and noise batches, the view.
 */
import type { Tensor as OrtTensor } from 'onnxruntime-web';
import { mixSeed, seededNormal, seededRandom } from '../core/random';
import type { BackendName } from './backend';
import {
  checkGanSpec,
  ganGraphs,
  paramCount,
  type GanGraphs,
  type GanSpec,
  type ParamEntry,
} from './graph/gan';
import type { Ort } from './ort';
import { TrainEngine, type EngineState, type Feed } from './trainer/engine';

export type { GanSpec, ParamEntry } from './graph/gan';

/** Scalar hyperparameters: graph inputs, so a change never rebuilds anything. */
export interface GanHyper {
  lrG: number;
  lrD: number;
  /** SGD momentum (0: plain SGD). */
  momentum: number;
  /** Adam's β1, β2 and ε. */
  beta1: number;
  beta2: number;
  eps: number;
}

/** What the views draw. */
export interface GanViewConfig {
  /** Fake samples drawn from a fixed noise batch. */
  samples: number;
  /** D is evaluated on a gridSize × gridSize grid over `bounds`. */
  gridSize: number;
  /** [xMin, xMax, yMin, yMax] of the plane. */
  bounds: [number, number, number, number];
  /** Points per noise axis of the manifold grid (noise in [−2, 2]); 0 for none. Only for noiseDim 1 or 2. */
  manifoldSize: number;
}

export interface GanTrainConfig {
  spec: GanSpec;
  seed: number;
  /** The real data set: points, dataDim numbers each, interleaved. */
  data: Float32Array;
  hyper: GanHyper;
  view: GanViewConfig;
}

export type GanStepKind = 'iteration' | 'd' | 'g';

/** A checkpoint is taken after every run that brings G's step count to a multiple of this. */
export const CHECKPOINT_EVERY = 25;
/** Checkpoints kept (the oldest goes first): reach back CHECKPOINT_EVERY × this G steps. */
export const CHECKPOINT_KEEP = 4;

/** Optimizer steps done by each network: where a state, or a checkpoint, is. */
export interface GanSteps {
  stepsD: number;
  stepsG: number;
}

/** The first non-finite value after a run: a loss or a network's parameters. */
export interface GanDivergence {
  value: 'lossD' | 'lossG' | 'thetaG' | 'thetaD';
  /** The diverged state's step counts (after the run that overflowed). */
  stepsD: number;
  stepsG: number;
  /** Where `restoreLastGood()` goes: the state before that run. */
  lastGood: GanSteps;
  /** Where going back further goes: the newest checkpoint older than `lastGood`, if any. */
  checkpoint: GanSteps | null;
}

/** The last run's intermediates for the step-by-step view (`step('d' | 'g', …)`). */
export type GanStepDetail =
  | {
      kind: 'd';
      /** [B, dataDim] the real batch and [B, dataDim] the fake one. */
      real: Float32Array;
      fake: Float32Array;
      /** [2B]: D's logits and per-sample loss terms, real rows first, then fake. */
      logits: Float32Array;
      terms: Float32Array;
      /** The flat gradient of lossD (layoutD's order) and its L2 norm. */
      grad: Float32Array;
      gradNorm: number;
    }
  | {
      kind: 'g';
      fake: Float32Array;
      /** [B] D's logits on the fakes and per-sample generator loss terms (lossG = their mean). */
      logits: Float32Array;
      terms: Float32Array;
      /** [B, dataDim] ∂ℓ_i/∂fake_i: each sample moves along −fakeGrad. */
      fakeGrad: Float32Array;
      grad: Float32Array;
      gradNorm: number;
    };

export interface GanStepReport {
  /** Runs done by this call (fewer than asked when training diverged). */
  ran: number;
  /** Optimizer steps done so far by each network. */
  stepsD: number;
  stepsG: number;
  /** The latest losses and mean D outputs (NaN before the first). */
  lossD: number;
  lossG: number;
  meanDReal: number;
  meanDFake: number;
  /** One entry per run of this call (NaN where the run did not compute that loss). */
  history: { lossD: Float32Array; lossG: Float32Array };
  diverged: GanDivergence | null;
  detail?: GanStepDetail;
  /** Wall time of the call. */
  ms: number;
}

export interface GanSnapshot {
  stepsD: number;
  stepsG: number;
  lossD: number;
  lossG: number;
  meanDReal: number;
  meanDFake: number;
  diverged: GanDivergence | null;
  /** [samples, dataDim] G on the fixed view noise, and D's output on them [samples]. */
  fake: Float32Array;
  dFake: Float32Array;
  /** [samples, dataDim] ∂ℓ_G/∂x at each fake sample: arrows point along −fakeGrad. */
  fakeGrad: Float32Array;
  /**
   * [gridSize²] D's output (σ(logit); the raw score for lsgan) at cell centres, row-major:
   * index r·gridSize + c is x = xMin + (c + ½)·(xMax − xMin)/gridSize, y likewise with r.
   */
  grid: Float32Array;
  gridSize: number;
  /** [manifoldSize^noiseDim, dataDim] G over the noise grid (row-major in the noise), or null. */
  manifold: Float32Array | null;
  manifoldSize: number;
  /** With `{ params: true }`: flat parameters and their layouts. */
  params?: {
    thetaG: Float32Array;
    thetaD: Float32Array;
    layoutG: ParamEntry[];
    layoutD: ParamEntry[];
    /**
     * Each network's optimizer state, read back: Adam's moments `mG`/`vG`, `mD`/`vD`, or
     * SGD's momentum buffer `bufG`/`bufD` (layout's order), and Adam's step counts so far.
     */
    opt: Record<string, Float32Array>;
    tG: number;
    tD: number;
  };
}

/** What the trainer runs now. */
export interface GanTrainInfo {
  backend: BackendName;
  /** Nodes per graph (the cost at these sizes is per node and per run). */
  nodes: Record<'iteration' | 'dStep' | 'gStep' | 'view', number>;
  paramsG: number;
  paramsD: number;
  stepsD: number;
  stepsG: number;
  /** CHECKPOINT_EVERY and CHECKPOINT_KEEP, for a view to explain going back further. */
  checkpointEvery: number;
  checkpointKeep: number;
}

/**
 * A spec, view, hyperparameter or data set the trainer cannot use: the caller's mistake, the
 * same on any backend (so the worker never blames WebGPU for it).
 */
export class GanConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GanConfigError';
  }
}

/** Runs a check, turning its error into a GanConfigError. */
function validate(check: () => void): void {
  try {
    check();
  } catch (e) {
    throw new GanConfigError(e instanceof Error ? e.message : String(e));
  }
}

/** The latest losses and mean D outputs (NaN before the first run computed them). */
const NO_LOSSES = { lossD: NaN, lossG: NaN, meanDReal: NaN, meanDFake: NaN };

const NO_STEPS = { stepsD: 0, stepsG: 0, tG: 0, tD: 0 };

const stepsOf = (c: Record<string, number>): GanSteps => ({
  stepsD: c.stepsD!,
  stepsG: c.stepsG!,
});

const latestOf = (s: EngineState) => ({
  lossD: s.latest.lossD!,
  lossG: s.latest.lossG!,
  meanDReal: s.latest.meanDReal!,
  meanDFake: s.latest.meanDFake!,
});

function checkHyper(h: GanHyper): void {
  for (const [k, v] of Object.entries(h))
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`GAN hyperparameter ${k} must be a finite number, got ${String(v)}`);
}

function checkView(v: GanViewConfig, spec: GanSpec): void {
  for (const k of ['samples', 'gridSize'] as const)
    if (!Number.isInteger(v[k]) || v[k] < 1 || v[k] > 4096)
      throw new Error(`GAN view: ${k} must be an integer from 1 to 4096, got ${v[k]}`);
  if (!Number.isInteger(v.manifoldSize) || v.manifoldSize < 0 || v.manifoldSize > 256)
    throw new Error(
      `GAN view: manifoldSize must be an integer from 0 to 256, got ${v.manifoldSize}`,
    );
  const [x0, x1, y0, y1] = v.bounds;
  if (![x0, x1, y0, y1].every(Number.isFinite) || !(x1 > x0) || !(y1 > y0))
    throw new Error(`GAN view: bounds must be [xMin, xMax, yMin, yMax] with min < max`);
  if (spec.dataDim !== 2) throw new Error('GAN view: the plane view needs dataDim 2');
}

const sameArch = (a: GanSpec, b: GanSpec) =>
  a.dataDim === b.dataDim &&
  a.noiseDim === b.noiseDim &&
  JSON.stringify([a.generator, a.discriminator]) === JSON.stringify([b.generator, b.discriminator]);

/** PyTorch's nn.Linear init: weight and bias ~ U(−1/√in, 1/√in). */
function initParams(layout: readonly ParamEntry[], uniform: () => number): Float32Array {
  const theta = new Float32Array(paramCount(layout));
  for (const e of layout) {
    const fanIn = e.name.endsWith('.weight')
      ? e.shape[1]!
      : layout.find((w) => w.name === e.name.replace('.bias', '.weight'))!.shape[1]!;
    const bound = 1 / Math.sqrt(fanIn);
    for (let i = 0; i < e.size; i++) theta[e.offset + i] = (2 * uniform() - 1) * bound;
  }
  return theta;
}

/** Noise points on a grid over [−2, 2]^noiseDim (noiseDim 1 or 2), row-major. */
function manifoldNoise(size: number, noiseDim: number): Float32Array {
  const at = (i: number) => (size === 1 ? 0 : -2 + (4 * i) / (size - 1));
  if (noiseDim === 1) return Float32Array.from({ length: size }, (_, i) => at(i));
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      out[(r * size + c) * 2] = at(c);
      out[(r * size + c) * 2 + 1] = at(r);
    }
  return out;
}

function gridPoints(v: GanViewConfig): Float32Array {
  const [x0, x1, y0, y1] = v.bounds;
  const n = v.gridSize;
  const out = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      out[(r * n + c) * 2] = x0 + ((c + 0.5) * (x1 - x0)) / n;
      out[(r * n + c) * 2 + 1] = y0 + ((r + 0.5) * (y1 - y0)) / n;
    }
  return out;
}

export class GanTrainer {
  private spec: GanSpec;
  private hyper: GanHyper;
  private view: GanViewConfig;
  private data: Float32Array;
  private graphs!: GanGraphs;
  private readonly engine: TrainEngine;
  private pickData!: () => number;
  private noise!: () => number;
  private viewNoiseSeed = 0;
  private viewInputs: Record<string, OrtTensor> = {};

  private constructor(
    private readonly ort: Ort,
    readonly backend: BackendName,
    config: GanTrainConfig,
  ) {
    this.spec = config.spec;
    this.hyper = config.hyper;
    this.view = config.view;
    this.data = config.data;
    this.engine = new TrainEngine(ort, backend, {
      name: 'GAN',
      ringKey: 'stepsG',
      // After every run that brings G's step count to a multiple of CHECKPOINT_EVERY.
      checkpointAt: (prev, next) =>
        next.counts.stepsG! > prev.counts.stepsG! && next.counts.stepsG! % CHECKPOINT_EVERY === 0,
      checkpointKeep: CHECKPOINT_KEEP,
    });
  }

  /** Builds the graphs, initialises the parameters from `config.seed`, opens the sessions. */
  static async create(ort: Ort, backend: BackendName, config: GanTrainConfig): Promise<GanTrainer> {
    validate(() => {
      checkGanSpec(config.spec);
      checkHyper(config.hyper);
      checkView(config.view, config.spec);
    });
    const t = new GanTrainer(ort, backend, config);
    t.checkData(config.data);
    t.build();
    try {
      await t.engine.exclusive(async () => {
        t.reset(config.seed);
        t.setHyperNow(config.hyper);
        await t.engine.session(t.graphs.iteration);
        await t.engine.session(t.graphs.view);
      });
    } catch (e) {
      await t.dispose();
      throw e;
    }
    return t;
  }

  private get counts(): Record<string, number> {
    return this.engine.state.counts;
  }

  /** The backend, node and parameter counts of the current graphs, and the step counts. */
  get info(): GanTrainInfo {
    const g = this.graphs;
    return {
      backend: this.backend,
      ...stepsOf(this.counts),
      nodes: {
        iteration: g.iteration.nodeCount,
        dStep: g.dStep.nodeCount,
        gStep: g.gStep.nodeCount,
        view: g.view.nodeCount,
      },
      paramsG: paramCount(g.layoutG),
      paramsD: paramCount(g.layoutD),
      checkpointEvery: CHECKPOINT_EVERY,
      checkpointKeep: CHECKPOINT_KEEP,
    };
  }

  /** The checkpoints held now, oldest first. */
  get checkpoints(): GanSteps[] {
    return this.engine.checkpoints.map(stepsOf);
  }

  private get diverged(): GanDivergence | null {
    const d = this.engine.diverged;
    if (!d) return null;
    const value = d.value === 'normG' ? 'thetaG' : d.value === 'normD' ? 'thetaD' : d.value;
    return {
      value: value as GanDivergence['value'],
      ...stepsOf(d.counts),
      lastGood: stepsOf(d.lastGood),
      checkpoint: d.checkpoint ? stepsOf(d.checkpoint) : null,
    };
  }

  private checkData(data: Float32Array): void {
    const d = this.spec.dataDim;
    if (!(data instanceof Float32Array) || data.length < d || data.length % d !== 0)
      throw new GanConfigError(
        `GAN data: ${data.length} numbers are not whole points of ${d} numbers`,
      );
    if (!data.every(Number.isFinite))
      throw new GanConfigError('GAN data: every coordinate must be finite');
  }

  private build(): void {
    const v = this.view;
    const noiseGrid = this.spec.noiseDim <= 2 ? v.manifoldSize : 0;
    this.graphs = ganGraphs(this.spec, {
      samples: v.samples,
      gridPoints: v.gridSize * v.gridSize,
      manifoldPoints: noiseGrid ** this.spec.noiseDim,
    });
  }

  private tensor(data: Float32Array, dims: readonly number[]): OrtTensor {
    return new this.ort.Tensor('float32', data, dims);
  }

  /**
   * Fresh parameters and optimizer state from `seed`; restarts the data and noise streams.
   * The last good state and every checkpoint go: they belong to the run that ended.
   */
  private reset(seed: number): void {
    const uniform = seededRandom(mixSeed(seed, 0));
    const { layoutG, layoutD } = this.graphs;
    this.engine.reset(
      { thetaG: initParams(layoutG, uniform), thetaD: initParams(layoutD, uniform) },
      NO_STEPS,
      NO_LOSSES,
    );
    this.resetOptimizer('G');
    this.resetOptimizer('D');
    const pick = seededRandom(mixSeed(seed, 1));
    const points = () => this.data.length / this.spec.dataDim;
    this.pickData = () => Math.min(points() - 1, Math.floor(pick() * points()));
    this.noise = seededNormal(seededRandom(mixSeed(seed, 2)));
    this.viewNoiseSeed = mixSeed(seed, 3);
    this.makeViewInputs();
  }

  private makeViewInputs(): void {
    const v = this.view;
    const nz = this.spec.noiseDim;
    const normal = seededNormal(seededRandom(this.viewNoiseSeed));
    const inputs: Record<string, OrtTensor> = {
      zView: this.tensor(Float32Array.from({ length: v.samples * nz }, normal), [v.samples, nz]),
      grid: this.tensor(gridPoints(v), [v.gridSize * v.gridSize, 2]),
    };
    const m = this.graphs.view.inputs.find((i) => i.name === 'zManifold');
    if (m) inputs.zManifold = this.tensor(manifoldNoise(v.manifoldSize, nz), m.dims);
    this.viewInputs = inputs;
  }

  /**
   * Zero optimizer state for one network, of the kind its optimizer now is. The old tensors
   * may still be the last good state's or a checkpoint's: the engine releases, not disposes.
   */
  private resetOptimizer(net: 'G' | 'D'): void {
    const n = this.engine.state.tensors[`theta${net}`]!.dims[0]!;
    const adam = (net === 'G' ? this.spec.optimizerG : this.spec.optimizerD) === 'adam';
    this.engine.replaceTensors({
      [`m${net}`]: adam ? new Float32Array(n) : null,
      [`v${net}`]: adam ? new Float32Array(n) : null,
      [`buf${net}`]: adam ? null : new Float32Array(n),
    });
    this.counts[`t${net}`] = 0;
  }

  private setHyperNow(h: GanHyper): void {
    validate(() => checkHyper(h));
    this.hyper = { ...h };
    this.engine.setScalars({ ...h });
  }

  /**
   * A restored state may come from before the optimizer changed kind (SGD's buffer where Adam
   * wants its moments): that network's optimizer starts from fresh state, as `setSpec` does.
   */
  private fitOptimizers(): void {
    for (const net of ['G', 'D'] as const) {
      const kind = net === 'G' ? this.spec.optimizerG : this.spec.optimizerD;
      const has = (k: string) => `${k}${net}` in this.engine.state.tensors;
      if (kind === 'adam' ? !has('m') || !has('v') : !has('buf')) this.resetOptimizer(net);
    }
  }

  private batch(rows: number, pickRow: (out: Float32Array, at: number) => void, cols: number) {
    const data = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) pickRow(data, r * cols);
    return { data, dims: [rows, cols] };
  }

  private realBatch() {
    const d = this.spec.dataDim;
    return this.batch(
      this.spec.batch,
      (out, at) => {
        const i = this.pickData() * d;
        for (let j = 0; j < d; j++) out[at + j] = this.data[i + j]!;
      },
      d,
    );
  }

  private noiseBatch(rows = this.spec.batch) {
    const nz = this.spec.noiseDim;
    return this.batch(
      rows,
      (out, at) => {
        for (let j = 0; j < nz; j++) out[at + j] = this.noise();
      },
      nz,
    );
  }

  /** Runs `count` iterations (or D-only / G-only steps); stops early on divergence. */
  step(kind: GanStepKind, count = 1): Promise<GanStepReport> {
    return this.engine.exclusive(() => this.stepNow(kind, count));
  }

  private async stepNow(kind: GanStepKind, count: number): Promise<GanStepReport> {
    if (!Number.isInteger(count) || count < 1 || count > 10_000)
      throw new GanConfigError(`GAN step: count must be an integer from 1 to 10000, got ${count}`);
    const t0 = performance.now();
    const graph =
      kind === 'iteration'
        ? this.graphs.iteration
        : kind === 'd'
          ? this.graphs.dStep
          : this.graphs.gStep;
    const history = {
      lossD: new Float32Array(count).fill(NaN),
      lossG: new Float32Array(count).fill(NaN),
    };
    let ran = 0;
    let detail: GanStepDetail | undefined;
    const dSteps = kind === 'iteration' ? this.spec.dStepsPerG : kind === 'd' ? 1 : 0;
    const gSteps = kind === 'd' ? 0 : 1;
    while (ran < count && !this.engine.diverged) {
      const s = this.engine.state;
      const feeds: Record<string, Feed> = {};
      const keep: Record<string, Float32Array> = {};
      for (const { name } of graph.inputs) {
        if (name in s.tensors || this.engine.hasScalar(name)) continue;
        if (name === 'tG' || name === 'tD')
          feeds[name] = { data: Float32Array.of(s.counts[name]!), dims: [] };
        else {
          const b = name.startsWith('real') ? this.realBatch() : this.noiseBatch();
          feeds[name] = b;
          keep[name] = b.data;
        }
      }
      const { read } = await this.engine.run(
        graph,
        feeds,
        (next, out) => {
          const c = next.counts;
          c.tG! += this.spec.optimizerG === 'adam' ? gSteps : 0;
          c.tD! += this.spec.optimizerD === 'adam' ? dSteps : 0;
          c.stepsD! += dSteps;
          c.stepsG! += gSteps;
          if (out.lossD) next.latest.lossD = out.lossD[0]!;
          if (out.lossG) next.latest.lossG = out.lossG[0]!;
          if (out.meanD) {
            next.latest.meanDReal = out.meanD[0]!;
            next.latest.meanDFake = out.meanD[1]!;
          }
        },
        ['lossD', 'lossG', 'normG', 'normD'],
      );
      if (read.lossD) history.lossD[ran] = read.lossD[0]!;
      if (read.lossG) history.lossG[ran] = read.lossG[0]!;
      ran++;
      if (ran === count && kind === 'd')
        detail = {
          kind: 'd',
          real: keep.real0!,
          fake: read.fake!,
          logits: read.dLogits!,
          terms: read.dTerms!,
          grad: read.gradD!,
          gradNorm: read.gradNormD![0]!,
        };
      if (ran === count && kind === 'g')
        detail = {
          kind: 'g',
          fake: read.fake!,
          logits: read.gLogits!,
          terms: read.gTerms!,
          fakeGrad: read.fakeGrad!,
          grad: read.gradG!,
          gradNorm: read.gradNormG![0]!,
        };
    }
    return {
      ran,
      ...stepsOf(this.counts),
      ...latestOf(this.engine.state),
      history,
      diverged: this.diverged,
      detail,
      ms: performance.now() - t0,
    };
  }

  /** What the views draw, from the current parameters; `params` adds them, read back. */
  snapshot(options: { params?: boolean } = {}): Promise<GanSnapshot> {
    return this.engine.exclusive(async () => {
      const { read } = await this.engine.run(this.graphs.view, this.viewInputs, null);
      const snap: GanSnapshot = {
        ...stepsOf(this.counts),
        ...latestOf(this.engine.state),
        diverged: this.diverged,
        fake: read.fake!,
        dFake: read.dFake!,
        fakeGrad: read.fakeGrad!,
        grid: read.dGrid!,
        gridSize: this.view.gridSize,
        manifold: read.manifold ?? null,
        manifoldSize: read.manifold ? this.view.manifoldSize : 0,
      };
      if (options.params) {
        const opt: Record<string, Float32Array> = {};
        for (const name of Object.keys(this.engine.state.tensors))
          if (!name.startsWith('theta')) opt[name] = await this.engine.read(name);
        snap.params = {
          thetaG: await this.engine.read('thetaG'),
          thetaD: await this.engine.read('thetaD'),
          layoutG: this.graphs.layoutG,
          layoutD: this.graphs.layoutD,
          opt,
          tG: this.counts.tG!,
          tD: this.counts.tD!,
        };
      }
      return snap;
    });
  }

  /** New hyperparameters, used from the next step on. */
  setHyper(h: Partial<GanHyper>): Promise<void> {
    return this.engine.exclusive(() => this.setHyperNow({ ...this.hyper, ...h }));
  }

  /**
   * A new spec. The same architecture keeps the parameters (a changed optimizer kind starts
   * from zero state); a new one reinitialises them from `seed`. Returns whether it did.
   */
  setSpec(spec: GanSpec, seed: number): Promise<{ reinitialised: boolean }> {
    return this.engine.exclusive(async () => {
      validate(() => {
        checkGanSpec(spec);
        checkView(this.view, spec);
      });
      const old = this.spec;
      this.spec = spec;
      try {
        this.build();
      } catch (e) {
        this.spec = old;
        throw e;
      }
      await this.engine.releaseSessions();
      const reinitialised = !sameArch(old, spec);
      if (reinitialised) this.reset(seed);
      else {
        if (old.optimizerG !== spec.optimizerG) this.resetOptimizer('G');
        if (old.optimizerD !== spec.optimizerD) this.resetOptimizer('D');
        if (old.noiseDim !== spec.noiseDim) this.makeViewInputs();
      }
      await this.engine.session(this.graphs.iteration);
      return { reinitialised };
    });
  }

  /** A new view (samples, grid, bounds, manifold): rebuilds only what it must. */
  setView(view: GanViewConfig): Promise<void> {
    return this.engine.exclusive(async () => {
      validate(() => checkView(view, this.spec));
      this.view = view;
      const oldKey = this.graphs.view.key;
      this.build();
      if (oldKey !== this.graphs.view.key) await this.engine.releaseSession(oldKey);
      this.makeViewInputs();
    });
  }

  /** Replaces the real data set (batches are drawn from it from the next step on). */
  setData(data: Float32Array): Promise<void> {
    return this.engine.exclusive(() => {
      this.checkData(data);
      this.data = data;
    });
  }

  /** Fresh parameters, optimizer state and random streams from `seed`. */
  reinitialise(seed: number): Promise<void> {
    return this.engine.exclusive(() => this.reset(seed));
  }

  /**
   * After divergence: back to the last good state (with the losses of the run that made it).
   * Resolves false when there is none.
   */
  restoreLastGood(): Promise<boolean> {
    return this.engine.exclusive(() => {
      if (!this.engine.restoreLastGood()) return false;
      this.fitOptimizers();
      return true;
    });
  }

  /**
   * Back to the checkpoint taken at G step `stepsG` (one of `checkpoints`), with the losses
   * of the run that made it; at any time, though the view offers it after divergence. The
   * current state, the last good one and the checkpoints newer than it are let go: training
   * goes on from there as a new run, with the data and noise streams where they are (so it is
   * not a replay). Resolves with its step counts, or null when there is no such checkpoint.
   */
  restoreCheckpoint(stepsG: number): Promise<GanSteps | null> {
    return this.engine.exclusive(() => {
      const counts = this.engine.restoreCheckpoint(stepsG);
      if (!counts) return null;
      this.fitOptimizers();
      return stepsOf(counts);
    });
  }

  /** Releases every session and tensor. */
  dispose(): Promise<void> {
    return this.engine.dispose();
  }
}
