/**
 * The Basics playground's trainer, on the training engine (./engine.ts): the data set and
 * its features from core/playground.ts (deterministic from the seed), batches drawn with
 * replacement from the training split, `ITERATION_STEPS` SGD steps per run of the iteration
 * graph (runtime/graph/playground.ts), single steps with every intermediate for the stepper,
 * and a view run for every neuron's output over the plane and the predictions on the points.
 *
 * `setConfig` applies what it can at once: the learning rate and the regularization rate are
 * scalar inputs; the noise, the split and the batch size keep the parameters (new data, new
 * graphs); the regularization kind rebuilds the graphs and keeps them too. A new data set,
 * seed, feature list, architecture or activation restarts from fresh parameters
 * (`restarted: true`), as TensorFlow Playground does.
 */
import {
  evaluate,
  featureMatrix,
  gridPoints,
  initParams,
  isRegression,
  makeData,
  pgDims,
  rowSampler,
  splitIndices,
  type PgActivation,
  type PgDataset,
  type PgFeature,
  type PgRegularization,
} from '../../core/playground';
import type { BackendName } from '../backend';
import { paramCount, type ParamEntry } from '../graph/gan';
import { playgroundGraphs, type PgGraphs, type PgSpec } from '../graph/playground';
import type { Ort } from '../ort';
import { TrainEngine, type Feed } from './engine';

export interface PgTrainConfig {
  dataset: PgDataset;
  seed: number;
  noise: number;
  trainRatio: number;
  batchSize: number;
  features: PgFeature[];
  hidden: number[];
  activation: PgActivation;
  lr: number;
  regularization: PgRegularization;
  regRate: number;
}

/** A checkpoint every this many iterations. */
const CHECKPOINT_EVERY = 500;
/** SGD steps per run of the iteration graph. */
export const ITERATION_STEPS = 10;
/** The view's grid: GRID × GRID cells over [−6, 6]². */
export const PG_GRID = 40;

export interface PgMetrics {
  steps: number;
  trainLoss: number;
  testLoss: number;
  /** null for regression data. */
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

/** The first non-finite value after a run (a batch loss or the parameters' norm). */
export interface PgDivergence {
  value: string;
  /** The diverged state's iterations, and the last good state's. */
  steps: number;
  lastGood: number;
}

export interface PgTrainReport {
  steps: number;
  /** The data loss of each step's batch in this call. */
  batchLosses: Float32Array;
  diverged: PgDivergence | null;
}

export interface PgStepDetail {
  steps: number;
  /** [B, F] the batch, [B] its targets, its row indices in the data set. */
  x: Float32Array;
  y: Float32Array;
  rows: number[];
  /** Per layer after the input: z and a, [B, width]. */
  z: Float32Array[];
  a: Float32Array[];
  loss: number;
  reg: number;
  grad: Float32Array;
  thetaBefore: Float32Array;
  thetaAfter: Float32Array;
  layout: ParamEntry[];
}

export interface PgSnapshot extends PgMetrics {
  /** Per layer after the input, [GRID², width]: row-major from the top (y = 6) down. */
  neurons: Float32Array[];
  gridSize: number;
  /** [N] the network's output on every point. */
  pred: Float32Array;
  theta: Float32Array;
  layout: ParamEntry[];
  diverged: PgDivergence | null;
}

const restartsOn: (keyof PgTrainConfig)[] = ['dataset', 'seed', 'features', 'hidden', 'activation'];

const f32 = (a: ArrayLike<number>) => Float32Array.from(a);

export class PlaygroundTrainer {
  private config!: PgTrainConfig;
  private graphs!: PgGraphs;
  private points!: Float32Array;
  private labels!: Float64Array;
  private train: number[] = [];
  private test: number[] = [];
  private grid!: Float32Array;
  private pick!: () => number;
  private readonly engine: TrainEngine;

  private constructor(ort: Ort, backend: BackendName) {
    this.engine = new TrainEngine(ort, backend, {
      name: 'playground',
      ringKey: 'steps',
      checkpointAt: (prev, next) =>
        Math.floor(next.counts.steps! / CHECKPOINT_EVERY) >
        Math.floor(prev.counts.steps! / CHECKPOINT_EVERY),
      checkpointKeep: 4,
    });
  }

  static async create(ort: Ort, backend: BackendName, config: PgTrainConfig) {
    const t = new PlaygroundTrainer(ort, backend);
    await t.setConfig(config);
    return t;
  }

  private get steps(): number {
    return this.engine.state.counts.steps ?? 0;
  }

  private get diverged(): PgDivergence | null {
    const d = this.engine.diverged;
    return d ? { value: d.value, steps: d.counts.steps!, lastGood: d.lastGood.steps! } : null;
  }

  /** One run of `n` steps on `feeds`, counting them. */
  private trainRun(n: number, feeds: Record<string, Feed>) {
    const graph = n === ITERATION_STEPS ? this.graphs.iteration : this.graphs.step;
    return this.engine.run(
      graph,
      feeds,
      (next) => {
        next.counts.steps! += n;
      },
      ['loss', 'norm'],
    );
  }

  get backend(): BackendName {
    return this.engine.backend;
  }

  private spec(): PgSpec {
    const c = this.config;
    return {
      features: c.features.length,
      hidden: c.hidden,
      activation: c.activation,
      output: isRegression(c.dataset) ? 'linear' : 'tanh',
      regularization: c.regularization,
      batch: c.batchSize,
      steps: ITERATION_STEPS,
    };
  }

  private makeData(): void {
    const c = this.config;
    const data = makeData(c.dataset, c.noise, c.seed);
    const all = Array.from({ length: data.labels.length }, (_, i) => i);
    this.points = f32(featureMatrix(data.points, all, c.features));
    this.labels = data.labels;
    ({ train: this.train, test: this.test } = splitIndices(all.length, c.trainRatio, c.seed));
    const g = gridPoints(PG_GRID);
    this.grid = f32(
      featureMatrix(
        g,
        Array.from({ length: PG_GRID * PG_GRID }, (_, i) => i),
        c.features,
      ),
    );
    const sample = rowSampler(this.train.length, c.seed);
    this.pick = () => this.train[sample()]!;
  }

  /** Applies a configuration; `restarted` when the parameters started afresh. */
  setConfig(config: PgTrainConfig): Promise<{ restarted: boolean }> {
    return this.engine.exclusive(async () => {
      const old = this.config;
      this.config = { ...config, features: [...config.features], hidden: [...config.hidden] };
      const restart =
        !old || restartsOn.some((k) => JSON.stringify(old[k]) !== JSON.stringify(config[k]));
      if (restart || old.noise !== config.noise || old.trainRatio !== config.trainRatio)
        this.makeData();
      const oldKeys = this.graphs
        ? Object.values(this.graphs).map((g: { key?: string }) => g.key)
        : [];
      this.graphs = playgroundGraphs(this.spec(), {
        gridPoints: PG_GRID * PG_GRID,
        points: this.labels.length,
      });
      const keys = [this.graphs.iteration.key, this.graphs.step.key, this.graphs.view.key];
      if (oldKeys.some((k) => k && !keys.includes(k))) await this.engine.releaseSessions(keys);
      if (restart)
        this.engine.reset(
          { theta: f32(initParams(pgDims(config.features.length, config.hidden), config.seed)) },
          { steps: 0 },
        );
      this.engine.setScalars({ lr: config.lr, regRate: config.regRate });
      await this.engine.session(this.graphs.iteration);
      return { restarted: restart };
    });
  }

  /** Fresh parameters and batch stream from the seed. */
  reset(): Promise<void> {
    return this.engine.exclusive(() => {
      this.makeData();
      this.engine.reset(
        {
          theta: f32(
            initParams(pgDims(this.config.features.length, this.config.hidden), this.config.seed),
          ),
        },
        { steps: 0 },
      );
    });
  }

  private batch(count: number) {
    const F = this.config.features.length;
    const B = this.config.batchSize;
    const feeds: Record<string, { data: Float32Array; dims: number[] }> = {};
    const rows: number[] = [];
    for (let i = 0; i < count; i++) {
      const x = new Float32Array(B * F);
      const y = new Float32Array(B);
      for (let s = 0; s < B; s++) {
        const r = this.pick();
        rows.push(r);
        x.set(this.points.subarray(r * F, r * F + F), s * F);
        y[s] = this.labels[r]!;
      }
      feeds[`x${i}`] = { data: x, dims: [B, F] };
      feeds[`y${i}`] = { data: y, dims: [B, 1] };
    }
    return { feeds, rows };
  }

  /** Runs `iterations` SGD steps (stops early on divergence). */
  trainSteps(iterations: number): Promise<PgTrainReport> {
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > 100_000)
      return Promise.reject(new Error(`iterations must be an integer from 1 to 100000`));
    return this.engine.exclusive(async () => {
      const losses: number[] = [];
      let left = iterations;
      while (left > 0 && !this.engine.diverged) {
        const n = left >= ITERATION_STEPS ? ITERATION_STEPS : 1;
        const { read } = await this.trainRun(n, this.batch(n).feeds);
        losses.push(...read.loss!);
        left -= n;
      }
      return {
        steps: this.steps,
        batchLosses: f32(losses),
        diverged: this.diverged,
      };
    });
  }

  /** One SGD step with every intermediate, for the stepper. */
  stepDetail(): Promise<PgStepDetail> {
    return this.engine.exclusive(async () => {
      const thetaBefore = await this.engine.read('theta');
      const { feeds, rows } = this.batch(1);
      const { read } = await this.trainRun(1, feeds);
      const layers = this.config.hidden.length + 1;
      return {
        steps: this.steps,
        x: feeds.x0!.data,
        y: feeds.y0!.data,
        rows,
        z: Array.from({ length: layers }, (_, l) => read[`z${l}`]!),
        a: Array.from({ length: layers }, (_, l) => read[`a${l}`]!),
        loss: read.loss![0]!,
        reg: read.reg![0]!,
        grad: read.grad!,
        thetaBefore,
        thetaAfter: await this.engine.read('theta'),
        layout: this.graphs.layout,
      };
    });
  }

  /** Every neuron over the plane, the predictions, the losses and accuracies now. */
  snapshot(): Promise<PgSnapshot> {
    return this.engine.exclusive(async () => {
      const { read } = await this.engine.run(
        this.graphs.view,
        {
          grid: { data: this.grid, dims: [PG_GRID * PG_GRID, this.config.features.length] },
          points: { data: this.points, dims: [this.labels.length, this.config.features.length] },
        },
        null,
      );
      const pred = read.pred!;
      const classify = !isRegression(this.config.dataset);
      const on = (rows: number[]) =>
        evaluate(
          rows.map((r) => pred[r]!),
          rows.map((r) => this.labels[r]!),
          classify,
        );
      const tr = on(this.train);
      const te = on(this.test);
      return {
        steps: this.steps,
        trainLoss: tr.loss,
        testLoss: te.loss,
        trainAccuracy: tr.accuracy,
        testAccuracy: te.accuracy,
        neurons: Array.from({ length: this.config.hidden.length + 1 }, (_, l) => read[`h${l}`]!),
        gridSize: PG_GRID,
        pred,
        theta: await this.engine.read('theta'),
        layout: this.graphs.layout,
        diverged: this.diverged,
      };
    });
  }

  /** After divergence: back to the last good parameters. */
  restoreLastGood(): Promise<boolean> {
    return this.engine.exclusive(() => this.engine.restoreLastGood());
  }

  get paramCount(): number {
    return paramCount(this.graphs.layout);
  }

  dispose(): Promise<void> {
    return this.engine.dispose();
  }
}
