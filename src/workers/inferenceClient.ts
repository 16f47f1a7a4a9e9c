/**
 * The main thread's handle on the inference worker: typed requests (`send<K>`), one worker per
 * backend choice, and the WebGPU → WASM fallback. When WebGPU fails in any way (no adapter,
 * session creation, an op, a lost device) the client restarts the worker on WASM, tells its
 * listener why, and retries what failed — callers only ever see results or real errors.
 */
import type { Tensor } from '../core/tensor';
import type { BackendName, BackendPolicy } from '../runtime/backend';
import type {
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
import type { PgTrainConfig } from '../runtime/trainer/playground';
import type { ModelCard } from '../runtime/modelCard';
import type { RequestType, WorkerError, WorkerHandlers, WorkerMessage } from './protocol';

export type ClientEvent =
  | { type: 'starting'; policy: BackendPolicy }
  | { type: 'ready'; backend: BackendName; adapter: string }
  | { type: 'fallback'; reason: string }
  | {
      type: 'progress';
      model: string;
      loaded: number;
      total: number;
      /** 'prepare': downloaded; the session is being created and warmed up. */
      phase?: 'download' | 'prepare';
    }
  | { type: 'loaded'; model: string; card: ModelCard }
  /** After every run; `model` is the model's name, or the graph's key for `runGraph`. */
  | { type: 'ran'; model: string; backend: BackendName; adapter: string; ms: number }
  /**
   * GAN training started again from its seed on a new worker (after a WebGPU failure moved
   * to WASM, or a crashed worker): the parameters of the old worker are gone.
   */
  | { type: 'trainRestarted'; backend: BackendName };

/** A request that failed for a reason the user should see (missing model, corrupt file, …). */
export class InferenceError extends Error {
  readonly kind: WorkerError['kind'];
  readonly model?: string;
  constructor(error: WorkerError) {
    super(error.message);
    this.name = 'InferenceError';
    this.kind = error.kind;
    this.model = error.model;
  }
}

type WorkerFactory = () => Worker;

/** Fresh copies of some tensors, whose buffers can be transferred without touching the originals. */
function copyTensors(tensors: Record<string, Tensor>): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(tensors).map(([k, t]) => [
      k,
      { data: Float32Array.from(t.data), dims: [...t.dims] },
    ]),
  );
}

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('./inference.worker.ts', import.meta.url), {
    type: 'module',
    name: 'glassbox-inference',
  });

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  model?: string;
}

/** One worker and the requests waiting on it. */
class Connection {
  readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  readonly loaded = new Map<string, Promise<ModelCard>>();
  /** The trainer on this worker, once initialised (replayed from the client's config). */
  trainer: Promise<GanTrainInfo> | undefined;
  /** The playground trainer on this worker, once configured (replayed from the client's). */
  playground: Promise<unknown> | undefined;
  backend: BackendName | undefined;
  adapter = '';
  closed = false;

  constructor(
    factory: WorkerFactory,
    private readonly onMessage: (msg: WorkerMessage, model?: string) => void,
    onCrash: () => void = () => {},
  ) {
    this.worker = factory();
    this.worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
    this.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      // A crashed worker is not reused: the client starts a fresh one on the next request.
      this.closed = true;
      this.worker.terminate();
      this.failAll({
        kind: 'runtime',
        message: `the inference worker crashed: ${e.message || 'unknown error'}`,
      });
      onCrash();
    };
  }

  send<K extends RequestType>(
    type: K,
    args: WorkerHandlers[K]['args'],
    model?: string,
  ): Promise<WorkerHandlers[K]['result']> {
    if (this.closed)
      return Promise.reject(
        new InferenceError({ kind: 'runtime', message: 'the inference worker was stopped' }),
      );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, model });
      // Input tensors move to the worker (callers pass copies); graph bytes are copied, as
      // the caller keeps its graph for the next run.
      const transfer = new Set<Transferable>();
      if (type === 'run' || type === 'runGraph') {
        const { inputs } = args as WorkerHandlers['run' | 'runGraph']['args'];
        for (const t of Object.values(inputs)) transfer.add(t.data.buffer as ArrayBuffer);
      }
      // Training data sets travel once, as copies made by the client.
      if (type === 'trainInit')
        transfer.add(
          (args as WorkerHandlers['trainInit']['args']).config.data.buffer as ArrayBuffer,
        );
      if (type === 'trainSetData')
        transfer.add((args as WorkerHandlers['trainSetData']['args']).data.buffer as ArrayBuffer);
      this.worker.postMessage({ id, type, args }, [...transfer]);
    });
  }

  private receive(msg: WorkerMessage): void {
    if (msg.type === 'deviceLost') return this.onMessage(msg);
    const p = this.pending.get(msg.id);
    if (msg.type === 'progress') return this.onMessage(msg, p?.model);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === 'ok') p.resolve(msg.result);
    else p.reject(new InferenceError(msg.error));
  }

  failAll(error: WorkerError): void {
    for (const p of this.pending.values()) p.reject(new InferenceError(error));
    this.pending.clear();
  }

  /**
   * Stops this worker: pending requests fail at once; the worker is asked to release its
   * sessions and GPU device, then terminated (after at most a second, in case it hangs).
   */
  close(): void {
    if (this.closed) return;
    this.failAll({ kind: 'runtime', message: 'the inference worker was restarted' });
    const release = this.send('dispose', {}).catch(() => undefined);
    this.closed = true;
    const timeout = new Promise((r) => setTimeout(r, 1000));
    void Promise.race([release, timeout]).then(() => this.worker.terminate());
  }
}

export interface InferenceClientOptions {
  modelsUrl: string;
  policy: BackendPolicy;
  onEvent?: (event: ClientEvent) => void;
  createWorker?: WorkerFactory;
}

export class InferenceClient {
  private conn: Connection | undefined;
  private ready: Promise<Connection> | undefined;
  private policy: BackendPolicy;
  /** Set once WebGPU failed under the current policy: later workers start on WASM. */
  private forcedWasm = false;
  /**
   * The GAN training configuration as last set (spec, seed, data, hyperparameters, view): a
   * new worker (after a fallback or crash) is initialised from it before its first request.
   */
  private training: GanTrainConfig | undefined;

  constructor(private readonly options: InferenceClientOptions) {
    this.policy = options.policy;
  }

  private emit(event: ClientEvent): void {
    this.options.onEvent?.(event);
  }

  /** Switches the backend policy: the next request starts a fresh worker under it. */
  setPolicy(policy: BackendPolicy): void {
    this.policy = policy;
    this.forcedWasm = false;
    this.restart();
    // Start the new worker now, so the badge names the new backend without waiting for a run.
    this.connect().catch(() => undefined);
  }

  private restart(): void {
    this.conn?.close();
    this.conn = undefined;
    this.ready = undefined;
  }

  private connect(): Promise<Connection> {
    if (this.ready) return this.ready;
    const policy = this.forcedWasm ? 'wasm' : this.policy;
    const conn = new Connection(
      this.options.createWorker ?? defaultFactory,
      (msg, model) => {
        if (conn !== this.conn) return;
        if (msg.type === 'progress' && model)
          this.emit({
            type: 'progress',
            model,
            loaded: msg.loaded,
            total: msg.total,
            phase: msg.phase,
          });
        if (msg.type === 'deviceLost') void this.fallBack(msg.reason);
      },
      () => {
        // Forget a crashed worker so the next request starts a new one.
        if (this.conn === conn) {
          this.conn = undefined;
          this.ready = undefined;
        }
      },
    );
    this.conn = conn;
    this.emit({ type: 'starting', policy });
    this.ready = conn.send('init', { policy, modelsUrl: this.options.modelsUrl }).then((r) => {
      conn.backend = r.backend;
      conn.adapter = r.adapter;
      if (r.fallbackReason) this.emit({ type: 'fallback', reason: r.fallbackReason });
      this.emit({ type: 'ready', backend: r.backend, adapter: r.adapter });
      return conn;
    });
    this.ready.catch(() => {
      if (this.conn === conn) this.ready = undefined;
    });
    return this.ready;
  }

  private async fallBack(reason: string): Promise<void> {
    if (this.forcedWasm) return;
    this.forcedWasm = true;
    this.restart();
    this.emit({ type: 'fallback', reason });
    await this.connect();
  }

  /** Runs `op` on the current worker; a WebGPU failure moves to WASM and tries once more. */
  private async withFallback<T>(op: (conn: Connection) => Promise<T>): Promise<T> {
    const conn = await this.connect();
    try {
      return await op(conn);
    } catch (e) {
      const webgpuFailed =
        e instanceof InferenceError && e.kind === 'webgpu' && conn.backend === 'webgpu';
      const restarted = e instanceof InferenceError && conn.closed && conn !== this.conn;
      if (webgpuFailed) await this.fallBack(e.message);
      if (webgpuFailed || restarted) return op(await this.connect());
      throw e;
    }
  }

  private loadOn(conn: Connection, model: string): Promise<ModelCard> {
    let card = conn.loaded.get(model);
    if (!card) {
      card = conn.send('load', { model }, model).then((r) => {
        this.emit({ type: 'loaded', model, card: r.card });
        return r.card;
      });
      conn.loaded.set(model, card);
      card.catch(() => conn.loaded.delete(model));
    }
    return card;
  }

  /** Loads (downloads, verifies, warms up) a model on the current backend. */
  load(model: string): Promise<ModelCard> {
    return this.withFallback((conn) => this.loadOn(conn, model));
  }

  /** Runs a model; inputs are copied, so the caller keeps its arrays. */
  run(model: string, inputs: Record<string, Tensor>): Promise<Record<string, Tensor>> {
    return this.withFallback(async (conn) => {
      await this.loadOn(conn, model);
      const r = await conn.send('run', { model, inputs: copyTensors(inputs) }, model);
      this.emit({ type: 'ran', model, backend: r.backend, adapter: r.adapter, ms: r.ms });
      return r.outputs;
    });
  }

  /**
   * Runs a graph built by runtime/graph (`key` names its shapes and attributes: equal keys
   * must mean equal bytes). Inputs are copied, so the caller keeps its arrays.
   */
  runGraph(
    key: string,
    bytes: Uint8Array,
    inputs: Record<string, Tensor>,
  ): Promise<Record<string, Tensor>> {
    return this.withFallback(async (conn) => {
      const r = await conn.send('runGraph', { key, bytes, inputs: copyTensors(inputs) });
      this.emit({ type: 'ran', model: key, backend: r.backend, adapter: r.adapter, ms: r.ms });
      return r.outputs;
    });
  }

  /** A model's trained weights by initializer name, loading the model first if needed. */
  weights(model: string): Promise<Record<string, Tensor>> {
    return this.withFallback(async (conn) => {
      await this.loadOn(conn, model);
      return (await conn.send('weights', { model }, model)).weights;
    });
  }

  // --- GAN training -----------------------------------------------------------------------

  /** The trainer on `conn`, initialising it from the stored configuration if needed. */
  private trainerOn(conn: Connection): Promise<GanTrainInfo> {
    if (conn.trainer) return conn.trainer;
    const config = this.training;
    if (!config)
      return Promise.reject(
        new InferenceError({ kind: 'runtime', message: 'GAN training was not initialised' }),
      );
    const replay = conn.send('trainInit', { config: { ...config, data: config.data.slice() } });
    conn.trainer = replay;
    replay.catch(() => {
      if (conn.trainer === replay) conn.trainer = undefined;
    });
    return replay;
  }

  /** Sends a training request, initialising the worker's trainer first when it has none. */
  private train<K extends RequestType>(
    type: K,
    args: WorkerHandlers[K]['args'],
  ): Promise<WorkerHandlers[K]['result']> {
    return this.withFallback(async (conn) => {
      if (!conn.trainer) {
        await this.trainerOn(conn);
        // A replay on a fresh worker after the first one: training restarted from the seed.
        if (this.trainStarted)
          this.emit({ type: 'trainRestarted', backend: conn.backend ?? 'wasm' });
      }
      this.trainStarted = true;
      return conn.send(type, args);
    });
  }

  private trainStarted = false;

  /**
   * Starts GAN training: builds the graphs in the worker and initialises the parameters from
   * `config.seed`. The data set is copied (the caller keeps its array) and sent once.
   */
  trainInit(config: GanTrainConfig): Promise<GanTrainInfo> {
    this.training = { ...config, data: config.data.slice() };
    this.trainStarted = false;
    return this.withFallback(async (conn) => {
      conn.trainer = undefined;
      const info = await this.trainerOn(conn);
      this.trainStarted = true;
      return info;
    });
  }

  /** Runs `count` iterations (or D-only / G-only steps) in one request. */
  trainStep(kind: GanStepKind, count = 1): Promise<GanStepReport> {
    return this.train('trainStep', { kind, count });
  }

  /** New hyperparameters, applied from the next step on (no rebuild). */
  trainSetHyper(hyper: Partial<GanHyper>): Promise<GanTrainInfo> {
    if (this.training)
      this.training = { ...this.training, hyper: { ...this.training.hyper, ...hyper } };
    return this.train('trainSetHyper', { hyper });
  }

  /** A new spec: same architecture keeps the parameters; a new one reinitialises from `seed`. */
  trainSetSpec(spec: GanSpec, seed: number): Promise<GanTrainInfo & { reinitialised: boolean }> {
    if (this.training) this.training = { ...this.training, spec, seed };
    return this.train('trainSetSpec', { spec, seed });
  }

  trainSetView(view: GanViewConfig): Promise<GanTrainInfo> {
    if (this.training) this.training = { ...this.training, view };
    return this.train('trainSetView', { view });
  }

  /** A new real data set (copied). */
  trainSetData(data: Float32Array): Promise<GanTrainInfo> {
    if (this.training) this.training = { ...this.training, data: data.slice() };
    return this.train('trainSetData', { data: data.slice() });
  }

  /** Fresh parameters, optimizer state and random streams from `seed`. */
  trainReset(seed: number): Promise<GanTrainInfo> {
    if (this.training) this.training = { ...this.training, seed };
    return this.train('trainReset', { seed });
  }

  /** What the views draw; `params: true` adds the flat parameters and their layouts. */
  trainSnapshot(options: { params?: boolean } = {}): Promise<GanSnapshot> {
    return this.train('trainSnapshot', { params: options.params });
  }

  /** After divergence: back to the last good parameters. */
  async trainRestore(): Promise<boolean> {
    return (await this.train('trainRestore', {})).restored;
  }

  /**
   * Back further: to the checkpoint at G step `stepsG` (a divergence names the newest older
   * than the last good state). Null when the trainer has none there (e.g. after a restart).
   */
  async trainRestoreCheckpoint(stepsG: number): Promise<GanSteps | null> {
    return (await this.train('trainRestoreCheckpoint', { stepsG })).restored;
  }

  /** Stops training and releases the trainer's sessions and tensors. */
  async trainDispose(): Promise<void> {
    this.training = undefined;
    this.trainStarted = false;
    const conn = this.conn;
    if (!conn || conn.closed || !conn.trainer) return;
    conn.trainer = undefined;
    await conn.send('trainDispose', {});
  }

  // --- the Basics playground -------------------------------------------------------------

  private playgroundConfig: PgTrainConfig | undefined;

  /**
   * Configures the playground trainer (creating it on first use): settings that can change
   * while training apply at once; `restarted` when the parameters started afresh. A new
   * worker (after a fallback) is configured from the last configuration before its first
   * request, and starts afresh.
   */
  configurePlayground(
    config: PgTrainConfig,
  ): Promise<{ restarted: boolean; backend: BackendName }> {
    this.playgroundConfig = config;
    return this.withFallback(async (conn) => {
      const r = conn.send('pgConfig', { config });
      conn.playground = r;
      r.catch(() => {
        if (conn.playground === r) conn.playground = undefined;
      });
      return r;
    });
  }

  /** Sends a playground request, configuring the worker's trainer first when it has none. */
  playground<K extends 'pgTrain' | 'pgStep' | 'pgSnapshot' | 'pgReset' | 'pgRestore'>(
    type: K,
    args: WorkerHandlers[K]['args'],
  ): Promise<WorkerHandlers[K]['result']> {
    return this.withFallback(async (conn) => {
      if (!conn.playground) {
        const config = this.playgroundConfig;
        if (!config)
          throw new InferenceError({
            kind: 'runtime',
            message: 'the playground was not configured',
          });
        const r = conn.send('pgConfig', { config });
        conn.playground = r;
        r.catch(() => {
          if (conn.playground === r) conn.playground = undefined;
        });
      }
      await conn.playground;
      return conn.send(type, args);
    });
  }

  /** Releases the playground trainer. */
  async playgroundDispose(): Promise<void> {
    this.playgroundConfig = undefined;
    const conn = this.conn;
    if (!conn || conn.closed || !conn.playground) return;
    conn.playground = undefined;
    await conn.send('pgDispose', {});
  }

  /** The backend and adapter now running, starting the worker if needed. */
  async status(): Promise<{ backend: BackendName; adapter: string }> {
    const conn = await this.connect();
    return { backend: conn.backend ?? 'wasm', adapter: conn.adapter };
  }

  /** Test hook: makes the worker destroy its WebGPU device. */
  async loseDevice(): Promise<boolean> {
    const conn = await this.connect();
    return (await conn.send('loseDevice', {})).lost;
  }

  dispose(): void {
    this.restart();
  }
}
