/**
 * The typed message protocol between the main thread and the inference worker. Requests carry
 * an id; the worker answers each with exactly one reply of the same id (`ok` or `error`), and
 * may send progress and events in between. Float32Array buffers are transferred, not copied.
 */
import type { Tensor } from '../core/tensor';
import type { BackendName, BackendPolicy } from '../runtime/backend';
import type {
  GanHyper,
  GanSnapshot,
  GanSpec,
  GanStepKind,
  GanSteps,
  GanStepReport,
  GanTrainConfig,
  GanTrainInfo,
  GanViewConfig,
} from '../runtime/ganTrainer';
import type { ModelLoadErrorKind } from '../runtime/loader';
import type {
  PgSnapshot,
  PgStepDetail,
  PgTrainConfig,
  PgTrainReport,
} from '../runtime/trainer/playground';
import type { ModelCard } from '../runtime/modelCard';

export interface WorkerHandlers {
  init: {
    args: { policy: BackendPolicy; modelsUrl: string };
    result: { backend: BackendName; adapter: string; fallbackReason?: string };
  };
  load: { args: { model: string }; result: { card: ModelCard } };
  run: {
    args: { model: string; inputs: Record<string, Tensor> };
    result: { outputs: Record<string, Tensor>; ms: number; backend: BackendName; adapter: string };
  };
  /**
   * Runs a graph built in the page (runtime/graph). The worker keeps a few graph sessions by
   * `key` (least recently used out). The bytes come with every request — a sandbox graph is a
   * kilobyte, far less than its inputs — so a key the worker has evicted, or a worker restarted
   * on WASM, never needs a second round trip. `ms` is the run alone, not session creation.
   */
  runGraph: {
    args: { key: string; bytes: Uint8Array; inputs: Record<string, Tensor> };
    result: { outputs: Record<string, Tensor>; ms: number; backend: BackendName; adapter: string };
  };
  /** A model's trained weights (its float32 initializers), loading the model first if needed. */
  weights: { args: { model: string }; result: { weights: Record<string, Tensor> } };
  /**
   * GAN training (runtime/ganTrainer.ts): one trainer per worker. `trainInit` builds the
   * graphs, initialises the parameters from the seed and replaces any trainer before it; the
   * others act on it (and fail with a `runtime` error when there is none). `data` buffers are
   * transferred; results' Float32Arrays are transferred back.
   */
  trainInit: { args: { config: GanTrainConfig }; result: GanTrainInfo };
  trainStep: { args: { kind: GanStepKind; count: number }; result: GanStepReport };
  trainSetHyper: { args: { hyper: Partial<GanHyper> }; result: GanTrainInfo };
  /** Same architecture: keeps the parameters; a new one reinitialises them from `seed`. */
  trainSetSpec: {
    args: { spec: GanSpec; seed: number };
    result: GanTrainInfo & { reinitialised: boolean };
  };
  trainSetView: { args: { view: GanViewConfig }; result: GanTrainInfo };
  trainSetData: { args: { data: Float32Array }; result: GanTrainInfo };
  trainReset: { args: { seed: number }; result: GanTrainInfo };
  trainSnapshot: { args: { params?: boolean }; result: GanSnapshot };
  trainRestore: { args: Record<string, never>; result: { restored: boolean } };
  /** Back to the checkpoint at G step `stepsG`; `restored` is null when there is none. */
  trainRestoreCheckpoint: { args: { stepsG: number }; result: { restored: GanSteps | null } };
  trainDispose: { args: Record<string, never>; result: { released: boolean } };
  /**
   * The Basics playground's trainer (runtime/trainer/playground.ts), one per worker:
   * `pgConfig` creates it or applies a configuration (`restarted` when the parameters started
   * afresh); the others act on it.
   */
  pgConfig: {
    args: { config: PgTrainConfig };
    result: { restarted: boolean; backend: BackendName };
  };
  pgTrain: { args: { iterations: number }; result: PgTrainReport };
  pgStep: { args: Record<string, never>; result: PgStepDetail };
  pgSnapshot: { args: Record<string, never>; result: PgSnapshot };
  pgReset: { args: Record<string, never>; result: { reset: true } };
  pgRestore: { args: Record<string, never>; result: { restored: boolean } };
  pgDispose: { args: Record<string, never>; result: { released: boolean } };
  /** Releases every session (and the WebGPU device) before the worker is terminated. */
  dispose: { args: Record<string, never>; result: { released: number } };
  /** Test hook: destroys the WebGPU device, as a driver reset or GPU crash would. */
  loseDevice: { args: Record<string, never>; result: { lost: boolean } };
}

export type RequestType = keyof WorkerHandlers;

export type WorkerRequest = {
  [K in RequestType]: { id: number; type: K; args: WorkerHandlers[K]['args'] };
}[RequestType];

/**
 * Why a request failed. `webgpu` means the WebGPU backend itself failed (session creation, an
 * op, a lost device): the client then falls back to WASM and retries. `runtime` is a failure
 * WASM would hit too (inputs that do not fit the model or graph, a bad graph on WASM).
 */
export type WorkerErrorKind = ModelLoadErrorKind | 'webgpu' | 'runtime';

export interface WorkerError {
  kind: WorkerErrorKind;
  message: string;
  model?: string;
}

export type WorkerMessage =
  | { type: 'ok'; id: number; result: WorkerHandlers[RequestType]['result'] }
  | { type: 'error'; id: number; error: WorkerError }
  /**
   * A model's load: bytes downloaded, then (phase 'prepare', once the file is in and verified)
   * the session being created and warmed up. No phase means a download step (older workers).
   */
  | {
      type: 'progress';
      id: number;
      model: string;
      loaded: number;
      total: number;
      phase?: 'download' | 'prepare';
    }
  | { type: 'deviceLost'; reason: string };
