/**
 * GAN training from the main thread: thin functions over the inference worker's trainer
 * (runtime/ganTrainer.ts, behind workers/inferenceClient.ts), for the 2-D GAN playground.
 *
 * The worker owns the networks; the page sends a configuration once and then asks for steps
 * and snapshots. A typical view:
 *
 * ```ts
 * await startTraining({ spec, seed, data, hyper, view }); // data: Float32Array of x, y pairs
 * const loop = createTrainingLoop({
 *   stepsPerFrame: 10,                       // iterations per request (per-run cost dominates)
 *   onFrame: (report, snap) => draw(report, snap),  // losses, fake samples, D heatmap, arrows
 *   onDiverged: (d) => showDivergence(d),    // loop stops; offer restoreLastGood(), and
 *                                            // restoreCheckpoint(d.checkpoint.stepsG) if any
 * });
 * loop.start();
 * slider.oninput = () => void setTrainingHyper({ lrD: value }); // next step, no rebuild
 * ```
 *
 * - `startTraining(config)`: builds the graphs for `config.spec` and initialises the
 *   parameters from `config.seed` (PyTorch's nn.Linear init). Resolves with node and
 *   parameter counts and the backend.
 * - `trainSteps(kind, count)`: `'iteration'` runs `count` fused iterations (dStepsPerG D
 *   steps + one G step each); `'d'` / `'g'` run single-network steps and return `detail`
 *   (logits, per-sample loss terms, gradient and its norm, the batch) for the step-by-step
 *   view. The report has the latest losses, mean D outputs, the losses of every run of the
 *   call (`history`, for the loss chart), step counts and `diverged`.
 * - `trainingSnapshot({ params })`: fake samples for a fixed noise batch, D over the
 *   gridSize × gridSize grid of `view.bounds` (row-major from (xMin, yMin), cell centres),
 *   the G-loss gradient at each fake sample (draw arrows along −fakeGrad), the manifold (G
 *   over a noise grid, noiseDim 1 or 2), and with `params: true` the flat parameters and
 *   their layouts (`layoutG` / `layoutD`: name, shape, offset — PyTorch's [out, in] weights).
 * - `setTrainingHyper` (lrG, lrD, momentum, beta1, beta2, eps): from the next step on.
 *   `setTrainingSpec(spec, seed)`: a new loss, optimizer, batch or D steps per G step keeps
 *   the parameters; a new architecture (widths, depth, activation, noise dim) reinitialises.
 *   `setTrainingView`, `setTrainingData`, `resetTraining(seed)`, `restoreLastGood()`,
 *   `stopTraining()`.
 * - `restoreCheckpoint(stepsG)`: back further than the last good state, to one of the
 *   trainer's checkpoints (every CHECKPOINT_EVERY G steps, the newest CHECKPOINT_KEEP); a
 *   divergence names the newest one older than the last good state (`checkpoint`). Resolves
 *   with its step counts, or null when the trainer has none there.
 *
 * The backend follows the app's policy; if WebGPU fails the worker restarts on WASM (the
 * usual notice) and training restarts from the seed there (the client replays the config).
 * Errors become a runtime notice, like a failed graph run, and are rethrown.
 */
import type {
  GanDivergence,
  GanHyper,
  GanSnapshot,
  GanSpec,
  GanStepKind,
  GanStepReport,
  GanSteps,
  GanTrainConfig,
  GanTrainInfo,
  GanViewConfig,
} from '../runtime/ganTrainer';
import type { InferenceClient } from '../workers/inferenceClient';
import { requireClient } from './runtime';
import { useAppStore } from './store';

export type {
  GanDivergence,
  GanHyper,
  GanSnapshot,
  GanSpec,
  GanStepKind,
  GanStepReport,
  GanSteps,
  GanTrainConfig,
  GanTrainInfo,
  GanViewConfig,
};

/** The app's inference client (started by app/main.tsx before any lesson renders). */
function client(): InferenceClient {
  return requireClient();
}

function reportTraining(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  useAppStore.getState().notify({
    level: 'error',
    key: 'notice.runtimeError',
    params: { detail: message },
    tag: 'training',
  });
}

async function guarded<T>(op: (c: InferenceClient) => Promise<T>): Promise<T> {
  try {
    return await op(client());
  } catch (e) {
    reportTraining(e);
    throw e;
  }
}

export const startTraining = (config: GanTrainConfig): Promise<GanTrainInfo> =>
  guarded((c) => c.trainInit(config));

export const trainSteps = (kind: GanStepKind, count = 1): Promise<GanStepReport> =>
  guarded((c) => c.trainStep(kind, count));

export const trainingSnapshot = (options: { params?: boolean } = {}): Promise<GanSnapshot> =>
  guarded((c) => c.trainSnapshot(options));

export const setTrainingHyper = (hyper: Partial<GanHyper>): Promise<GanTrainInfo> =>
  guarded((c) => c.trainSetHyper(hyper));

export const setTrainingSpec = (
  spec: GanSpec,
  seed: number,
): Promise<GanTrainInfo & { reinitialised: boolean }> => guarded((c) => c.trainSetSpec(spec, seed));

export const setTrainingView = (view: GanViewConfig): Promise<GanTrainInfo> =>
  guarded((c) => c.trainSetView(view));

export const setTrainingData = (data: Float32Array): Promise<GanTrainInfo> =>
  guarded((c) => c.trainSetData(data));

export const resetTraining = (seed: number): Promise<GanTrainInfo> =>
  guarded((c) => c.trainReset(seed));

export const restoreLastGood = (): Promise<boolean> => guarded((c) => c.trainRestore());

export const restoreCheckpoint = (stepsG: number): Promise<GanSteps | null> =>
  guarded((c) => c.trainRestoreCheckpoint(stepsG));

export const stopTraining = (): Promise<void> => guarded((c) => c.trainDispose());

export interface TrainingLoopOptions {
  /** Iterations per request (one request, and at most one drawing, per animation frame). */
  stepsPerFrame: number;
  kind?: GanStepKind;
  /** Snapshot options for each frame; `false` skips the snapshot (loss chart only). */
  snapshot?: { params?: boolean } | false;
  onFrame: (report: GanStepReport, snapshot: GanSnapshot | null) => void;
  onDiverged?: (d: GanDivergence) => void;
  onError?: (e: unknown) => void;
}

export interface TrainingLoop {
  start(): void;
  stop(): void;
  readonly running: boolean;
  /** Changes the iterations per frame (a speed slider) without stopping. */
  setStepsPerFrame(n: number): void;
}

/** Schedules `f` for the next animation frame (a timer where there are no frames: tests). */
const onNextFrame = (f: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => f());
  else setTimeout(f, 0);
};

/**
 * Trains, snapshots and draws until stopped or diverged, pipelined with the display: while
 * the page waits for an animation frame to draw one result, the worker already computes the
 * next. At most one result waits undrawn, so a slow backend lowers the frame rate and a slow
 * page slows the requests — work never queues up — and the main thread only draws: one
 * `onFrame` per animation frame, never more.
 */
export function createTrainingLoop(options: TrainingLoopOptions): TrainingLoop {
  let running = false;
  let generation = 0;
  let steps = options.stepsPerFrame;
  const loop = async (mine: number) => {
    const alive = () => running && mine === generation;
    /** Resolves once the result handed to the frame has been drawn. */
    let drawn: Promise<void> = Promise.resolve();
    while (alive()) {
      const report = await trainSteps(options.kind ?? 'iteration', steps);
      const snap =
        options.snapshot === false ? null : await trainingSnapshot(options.snapshot ?? {});
      // Back-pressure: the previous result must be on screen before this one is handed over.
      await drawn;
      if (!alive()) return;
      if (report.diverged) {
        options.onFrame(report, snap);
        running = false;
        options.onDiverged?.(report.diverged);
        return;
      }
      drawn = new Promise<void>((resolve) =>
        onNextFrame(() => {
          if (mine === generation) options.onFrame(report, snap);
          resolve();
        }),
      );
    }
  };
  return {
    start() {
      if (running) return;
      running = true;
      const mine = ++generation;
      loop(mine).catch((e: unknown) => {
        if (mine === generation) running = false;
        options.onError?.(e);
      });
    },
    stop() {
      running = false;
      generation++;
    },
    get running() {
      return running;
    },
    setStepsPerFrame(n: number) {
      steps = Math.max(1, Math.min(10_000, Math.round(n)));
    },
  };
}
