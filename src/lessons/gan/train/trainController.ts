/**
 * The 2-D playground's training session, framework-free: it starts the worker's trainer from
 * the config, follows config edits (a learning rate from the next step, a loss or optimizer
 * keeping the parameters, an architecture starting over), runs the play loop, single D / G
 * steps and the step-by-step iteration, keeps the curves, and reports divergence.
 *
 * React reads `status` (changes a few times per run) through `subscribe`; canvases and live
 * numbers take every frame through `onFrame`, never through React state.
 */
import type { Point } from '../../../core/ganData';
import { slicedWassersteinTo } from '../../../core/ganMetrics';
import {
  createTrainingLoop,
  resetTraining,
  restoreCheckpoint,
  restoreLastGood,
  setTrainingData,
  setTrainingHyper,
  setTrainingSpec,
  startTraining,
  stopTraining,
  trainingSnapshot,
  trainSteps,
  type GanDivergence,
  type GanHyper,
  type GanSnapshot,
  type GanStepReport,
  type GanTrainInfo,
  type TrainingLoop,
} from '../../../store/training';
import type { TrainConfig } from './config';
import type { TrainSnapshot } from './lessonParts';
import { changeOf, dataOf, hyperOf, pointsOf, referenceOf, specOf, VIEW } from './trainSpec';

type DDetail = Extract<NonNullable<GanStepReport['detail']>, { kind: 'd' }>;
type GDetail = Extract<NonNullable<GanStepReport['detail']>, { kind: 'g' }>;

/** One iteration taken step by step: every run's detail and the state before and after it. */
export interface IterationRecord {
  loss: TrainConfig['loss'];
  lrD: number;
  lrG: number;
  /** Each network's optimizer and the scalars it ran with (momentum, betas, ε). */
  optD: TrainConfig['optimizerD']['kind'];
  optG: TrainConfig['optimizerG']['kind'];
  hyper: GanHyper;
  /** The state before the iteration. */
  before: GanSnapshot;
  d: { detail: DDetail; lossD: number; meanDReal: number; meanDFake: number; after: GanSnapshot }[];
  g: { detail: GDetail; lossG: number; after: GanSnapshot } | null;
}

export interface TrainStatus {
  phase: 'starting' | 'ready' | 'error';
  running: boolean;
  /** A request is in flight (a step, a walk, a config change). */
  busy: boolean;
  info: GanTrainInfo | null;
  diverged: GanDivergence | null;
  /** The last architecture change started the networks over. */
  reinitialised: boolean;
  error: string | null;
  iteration: IterationRecord | null;
}

/** Curves over training, one point per frame or step, x = the generator's step count. */
export class Curves {
  x: number[] = [];
  lossD: number[] = [];
  lossG: number[] = [];
  meanDReal: number[] = [];
  meanDFake: number[] = [];
  swX: number[] = [];
  sw: number[] = [];
  /** Keeps at most this many points per curve (older ones thinned by half). */
  constructor(private readonly max = 4000) {}
  clear(): void {
    for (const k of ['x', 'lossD', 'lossG', 'meanDReal', 'meanDFake', 'swX', 'sw'] as const)
      this[k] = [];
  }
  /** A NaN (a value this run did not compute) repeats the previous one. */
  push(x: number, lossD: number, lossG: number, meanDReal: number, meanDFake: number): void {
    const or = (v: number, list: number[]) =>
      Number.isNaN(v) && list.length > 0 ? list[list.length - 1]! : v;
    this.x.push(x);
    this.lossD.push(or(lossD, this.lossD));
    this.lossG.push(or(lossG, this.lossG));
    this.meanDReal.push(or(meanDReal, this.meanDReal));
    this.meanDFake.push(or(meanDFake, this.meanDFake));
    if (this.x.length > this.max)
      for (const k of ['x', 'lossD', 'lossG', 'meanDReal', 'meanDFake'] as const)
        this[k] = this[k].filter((_, i) => i % 2 === 0);
  }
  /** Drops every point beyond G step `x` (after a restore: see TrainController.restored). */
  truncate(x: number): void {
    const n = this.x.findIndex((v) => v > x);
    if (n >= 0)
      for (const k of ['x', 'lossD', 'lossG', 'meanDReal', 'meanDFake'] as const)
        this[k].length = n;
    const m = this.swX.findIndex((v) => v > x);
    if (m >= 0) {
      this.swX.length = m;
      this.sw.length = m;
    }
  }
  pushDistance(x: number, d: number): void {
    this.swX.push(x);
    this.sw.push(d);
    if (this.sw.length > this.max) {
      this.swX = this.swX.filter((_, i) => i % 2 === 0);
      this.sw = this.sw.filter((_, i) => i % 2 === 0);
    }
  }
}

/** What every frame brings: the latest numbers and what the plane draws. */
export interface TrainFrame {
  stepsD: number;
  stepsG: number;
  lossD: number;
  lossG: number;
  meanDReal: number;
  meanDFake: number;
  /** Sliced Wasserstein-1 distance between the fakes shown and the real reference points. */
  distance: number;
  snapshot: GanSnapshot;
  reference: readonly Point[];
  curves: Curves;
  /** Iterations per second over the last frames (play loop only; NaN otherwise). */
  itersPerSecond: number;
  /**
   * A frame of the running play loop (another follows within a frame or two): views may skip
   * secondary redraws on such frames. Frames after a step, a pause, a restore or a blow-up
   * are not live and must be drawn in full.
   */
  live: boolean;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class TrainController {
  private config: TrainConfig;
  private status: TrainStatus = {
    phase: 'starting',
    running: false,
    busy: false,
    info: null,
    diverged: null,
    reinitialised: false,
    error: null,
    iteration: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly frameListeners = new Set<(f: TrainFrame) => void>();
  private loop: TrainingLoop | null = null;
  private reference: Point[];
  /** The sliced Wasserstein distance to `reference` (its projections sorted once). */
  private distanceTo: (fake: readonly Point[]) => number;
  readonly curves = new Curves();
  private latest: TrainFrame | null = null;
  private started: Promise<void> | null = null;
  private closed = false;
  /** start / close, in order (React may mount, unmount and mount again at once). */
  private lifecycle: Promise<void> = Promise.resolve();
  /** Play-loop throughput: [time, stepsG] of recent frames. */
  private rate: [number, number][] = [];
  /** Config edits, applied one after another. */
  private edits: Promise<void> = Promise.resolve();

  constructor(config: TrainConfig) {
    this.config = config;
    this.reference = referenceOf(config);
    this.distanceTo = slicedWassersteinTo(this.reference);
  }

  // --- subscriptions ----------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getStatus = (): TrainStatus => this.status;

  /** Every frame; called at once with the latest one if there is one. */
  onFrame(listener: (f: TrainFrame) => void): () => void {
    this.frameListeners.add(listener);
    if (this.latest) listener(this.latest);
    return () => this.frameListeners.delete(listener);
  }

  /** The latest frame (null before the first picture): read by the export dialog. */
  latestFrame = (): TrainFrame | null => this.latest;

  /** The embed API's getResult numbers (null before the first step). */
  result = (): TrainSnapshot | null => {
    const f = this.latest;
    if (!f || (f.stepsD === 0 && f.stepsG === 0)) return null;
    return {
      steps: f.stepsG,
      lossD: f.lossD,
      lossG: f.lossG,
      meanDReal: f.meanDReal,
      meanDFake: f.meanDFake,
    };
  };

  private set(patch: Partial<TrainStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l();
  }

  // --- lifecycle --------------------------------------------------------------------------

  /** Opens the trainer (once; again after `close`). */
  start(): Promise<void> {
    if (this.started) return this.started;
    this.closed = false;
    this.started = this.lifecycle.then(async () => {
      if (this.closed) return;
      this.set({ phase: 'starting' });
      try {
        const info = await startTraining({
          spec: specOf(this.config),
          seed: this.config.seed,
          data: dataOf(this.config),
          hyper: hyperOf(this.config),
          view: VIEW,
        });
        this.curves.clear();
        this.set({ phase: 'ready', info, error: null, diverged: null, iteration: null });
        await this.refresh();
      } catch (e) {
        this.set({ phase: 'error', error: message(e) });
      }
    });
    this.lifecycle = this.started;
    return this.started;
  }

  /** Stops the loop and releases the worker's trainer. */
  close(): Promise<void> {
    this.closed = true;
    this.loop?.stop();
    this.loop = null;
    this.started = null;
    this.status = { ...this.status, phase: 'starting', running: false };
    this.lifecycle = this.lifecycle.then(() => stopTraining().catch(() => undefined));
    return this.lifecycle;
  }

  // --- frames -----------------------------------------------------------------------------

  private emit(report: GanStepReport | null, snapshot: GanSnapshot, fromLoop = false): void {
    const x = snapshot.stepsG;
    if (report) {
      // One curve point per run; D-only runs have no lossG and stay at G's step count.
      const n = report.ran;
      const gRuns = report.history.lossG.some(Number.isFinite);
      for (let i = 0; i < n; i++) {
        const last = i === n - 1;
        this.curves.push(
          gRuns ? report.stepsG - n + i + 1 : report.stepsG,
          report.history.lossD[i]!,
          report.history.lossG[i]!,
          last ? report.meanDReal : NaN,
          last ? report.meanDFake : NaN,
        );
      }
    }
    const distance = this.distanceTo(pointsOf(snapshot.fake));
    this.curves.pushDistance(x, distance);
    const now = performance.now();
    if (fromLoop) {
      this.rate.push([now, x]);
      if (this.rate.length > 20) this.rate.shift();
    } else this.rate = [];
    const first = this.rate[0];
    const lastRate = this.rate[this.rate.length - 1];
    const itersPerSecond =
      first && lastRate && lastRate[0] > first[0]
        ? ((lastRate[1] - first[1]) * 1000) / (lastRate[0] - first[0])
        : NaN;
    this.latest = {
      stepsD: snapshot.stepsD,
      stepsG: snapshot.stepsG,
      lossD: snapshot.lossD,
      lossG: snapshot.lossG,
      meanDReal: snapshot.meanDReal,
      meanDFake: snapshot.meanDFake,
      distance,
      snapshot,
      reference: this.reference,
      curves: this.curves,
      itersPerSecond,
      live: fromLoop,
    };
    for (const l of this.frameListeners) l(this.latest);
  }

  /** Draws the current state (after a reset, a restore, a new data set). */
  private async refresh(): Promise<void> {
    const snap = await trainingSnapshot();
    if (!this.closed) this.emit(null, snap);
  }

  private async guard(op: () => Promise<void>): Promise<void> {
    if (this.status.phase !== 'ready') return;
    this.set({ busy: true });
    try {
      await op();
      this.set({ busy: false, error: null });
    } catch (e) {
      this.set({ busy: false, error: message(e) });
    }
  }

  // --- playing and stepping ---------------------------------------------------------------

  play(): void {
    if (this.status.phase !== 'ready' || this.status.diverged || this.loop?.running) return;
    this.rate = [];
    this.loop = createTrainingLoop({
      stepsPerFrame: this.config.slowMotion ? 1 : this.config.speed,
      onFrame: (report, snap) => {
        // The frame that blew up ends the run: drawn in full, like a paused one.
        if (snap) this.emit(report, snap, !report.diverged);
        if (this.config.slowMotion) this.loop?.setStepsPerFrame(1);
      },
      onDiverged: (d) => this.set({ running: false, diverged: d }),
      onError: (e) => this.set({ running: false, error: message(e) }),
    });
    this.loop.start();
    this.set({ running: true, iteration: null });
  }

  pause(): void {
    const wasRunning = this.loop?.running ?? false;
    this.loop?.stop();
    this.loop = null;
    if (this.status.running) this.set({ running: false });
    // Results the worker computed after the last drawn frame are dropped with the loop; one
    // snapshot (queued behind them in the worker) shows the state the networks stopped in.
    if (wasRunning && this.status.phase === 'ready') void this.refresh().catch(() => undefined);
  }

  /**
   * The embed API's `train`: waits for the trainer, pauses, runs exactly `n` iterations, and
   * rejects with what went wrong (a trainer that failed to open, an error in the run).
   */
  async trainIterations(n: number): Promise<void> {
    await this.start();
    if (this.status.phase !== 'ready')
      throw new Error(this.status.error ?? 'the trainer did not open');
    await this.step('iteration', n);
    if (this.status.error) throw new Error(this.status.error);
  }

  /** The embed API's `play`: starts the loop once the trainer is open. */
  playWhenReady(): void {
    void this.start().then(() => this.play());
  }

  /** Runs `count` iterations, or one D-only / G-only step, while paused. */
  step(kind: 'iteration' | 'd' | 'g', count = 1): Promise<void> {
    this.pause();
    return this.guard(async () => {
      const report = await trainSteps(kind, count);
      const snap = await trainingSnapshot();
      this.emit(report, snap);
      this.set({ diverged: report.diverged, iteration: null });
    });
  }

  /**
   * One iteration taken apart: the state before, each D step's detail and the state after it,
   * then the G step's. The view walks through the record; nothing else runs meanwhile.
   */
  stepThrough(): Promise<void> {
    this.pause();
    return this.guard(async () => {
      const hyper = hyperOf(this.config);
      const before = await trainingSnapshot({ params: true });
      const record: IterationRecord = {
        loss: this.config.loss,
        lrD: hyper.lrD,
        lrG: hyper.lrG,
        optD: this.config.optimizerD.kind,
        optG: this.config.optimizerG.kind,
        hyper,
        before,
        d: [],
        g: null,
      };
      let diverged: GanDivergence | null = null;
      for (let k = 0; k < this.config.dSteps && !diverged; k++) {
        const r = await trainSteps('d');
        const after = await trainingSnapshot({ params: true });
        diverged = r.diverged;
        this.emit(r, after);
        if (r.detail?.kind === 'd')
          record.d.push({
            detail: r.detail,
            lossD: r.lossD,
            meanDReal: r.meanDReal,
            meanDFake: r.meanDFake,
            after,
          });
      }
      if (!diverged) {
        const r = await trainSteps('g');
        const after = await trainingSnapshot({ params: true });
        diverged = r.diverged;
        this.emit(r, after);
        if (r.detail?.kind === 'g') record.g = { detail: r.detail, lossG: r.lossG, after };
      }
      this.set({ iteration: record, diverged });
    });
  }

  closeIteration(): void {
    if (this.status.iteration) this.set({ iteration: null });
  }

  /**
   * Draws the state a restore went back to. Training goes on from that step as a new run, so
   * the curves are cut back to it rather than marked: the points beyond it belong to the run
   * left behind, and kept they would give two values for one step (the line doubling back
   * over itself), with nothing on the chart to say which one led to the networks shown.
   */
  private async restored(): Promise<void> {
    const snap = await trainingSnapshot();
    if (this.closed) return;
    this.curves.truncate(snap.stepsG);
    this.emit(null, snap);
  }

  /** Back to the parameters before the non-finite value; settings stay, curves up to there. */
  restore(): Promise<void> {
    this.pause();
    return this.guard(async () => {
      await restoreLastGood();
      this.set({ diverged: null });
      await this.restored();
    });
  }

  /**
   * Back further than the last good parameters: to the checkpoint the divergence names (the
   * newest older one), where the run was not yet on its way out.
   */
  goBack(): Promise<void> {
    const to = this.status.diverged?.checkpoint;
    if (!to) return Promise.resolve();
    this.pause();
    return this.guard(async () => {
      await restoreCheckpoint(to.stepsG);
      this.set({ diverged: null });
      await this.restored();
    });
  }

  /** Fresh networks from the seed; the curves start over. */
  reset(): Promise<void> {
    const wasRunning = this.status.running;
    this.pause();
    return this.guard(async () => {
      await resetTraining(this.config.seed);
      this.curves.clear();
      this.set({ diverged: null, reinitialised: false, iteration: null });
      await this.refresh();
      if (wasRunning) this.play();
    });
  }

  // --- config edits -----------------------------------------------------------------------

  /** Follows a new (validated) config: changes take effect without stopping the loop. */
  apply(next: TrainConfig): Promise<void> {
    this.edits = this.edits.then(() => this.applyNow(next));
    return this.edits;
  }

  private async applyNow(next: TrainConfig): Promise<void> {
    await this.started;
    const prev = this.config;
    this.config = next;
    if (this.status.phase !== 'ready') return;
    this.loop?.setStepsPerFrame(next.slowMotion ? 1 : next.speed);
    const change = changeOf(prev, next);
    if (change.spec || change.reset) this.set({ iteration: null });
    if (!change.reset && !change.data && !change.spec && !change.hyper) return;
    try {
      if (change.data || change.reset) {
        this.reference = referenceOf(next);
        this.distanceTo = slicedWassersteinTo(this.reference);
        await setTrainingData(dataOf(next));
      }
      if (change.hyper) await setTrainingHyper(hyperOf(next));
      let info: GanTrainInfo | null = null;
      if (change.spec) {
        const r = await setTrainingSpec(specOf(next), next.seed);
        info = r;
        if (r.reinitialised) {
          this.curves.clear();
          this.set({ reinitialised: true, diverged: null, iteration: null });
        }
      }
      if (change.reset) {
        info = await resetTraining(next.seed);
        this.curves.clear();
        this.set({ diverged: null, reinitialised: false, iteration: null });
      }
      if (info) this.set({ info });
      if (!this.loop?.running) await this.refresh();
    } catch (e) {
      this.set({ error: message(e) });
    }
  }
}
