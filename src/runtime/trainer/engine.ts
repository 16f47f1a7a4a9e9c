/**
 * The training engine: runs train-step graphs (built by runtime/graph) as ordinary inference
 * and owns the state between runs. Generic over what is trained: a trainer (the playground's,
 * ./playground.ts) gives it graphs, the state's tensors by input name, scalar inputs and each
 * run's batch, and reads what it needs back.
 *
 * - State (parameters, optimizer state) is tensors named like the graph inputs; a run's
 *   outputs named `<input>_next` replace them. On WebGPU they stay on the GPU between runs
 *   (`preferredOutputLocation: 'gpu-buffer'` for `_next` outputs); everything else is read
 *   back to the CPU and disposed.
 * - Scalar inputs (hyperparameters) are tensors made once per change: a new value never
 *   rebuilds a graph.
 * - Divergence: after every run the outputs the trainer names (losses, parameter norms) are
 *   checked; on NaN or ∞ the run's state is kept for inspection (`diverged` names the value)
 *   and the state before it is the last good one (`restoreLastGood`). A ring of checkpoints
 *   (the state after a run that crosses a multiple of `checkpointEvery` steps, the newest
 *   `checkpointKeep`) goes back further (`restoreCheckpoint`).
 * - Ownership: states share tensors (a run replaces only what it updates), so a tensor is
 *   disposed only when no state held — current, last good, a checkpoint — holds it any more.
 * - Every call into ORT (session create, run, getData, tensor dispose, session release) runs
 *   inside `exclusive`, which also holds the worker's one ORT queue (serializeOrt): with
 *   asyncify, touching the runtime's heap while another session's run is suspended corrupts
 *   it. Public trainer methods wrap their work in `exclusive`; nothing inside queues again.
 */
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-web';
import type { BackendName } from '../backend';
import type { Ort } from '../ort';
import { serializeOrt } from '../session';

/** A graph as runtime/graph builds it. */
export interface TrainGraph {
  /** Equal for equal graphs: the session cache key. */
  key: string;
  bytes: Uint8Array;
  inputs: { name: string; dims: number[] }[];
  outputs: { name: string; dims: number[] }[];
  nodeCount: number;
}

export interface EngineState {
  tensors: Record<string, OrtTensor>;
  /** Where this state is: step counts (per network, Adam's t …), as the trainer counts. */
  counts: Record<string, number>;
  /** The values the run that made this state read back (losses …), kept with it. */
  latest: Record<string, number>;
}

export interface Divergence {
  /** The output that was not finite. */
  value: string;
  /** The diverged state's counts, the last good one's, and the newest older checkpoint's. */
  counts: Record<string, number>;
  lastGood: Record<string, number>;
  checkpoint: Record<string, number> | null;
}

/** A batch or other per-run input: data made into a tensor for one run, or a kept tensor. */
export type Feed = { data: Float32Array; dims: readonly number[] } | OrtTensor;

export interface EngineOptions {
  /** Names the trainer in errors. */
  name: string;
  /** The count that names a checkpoint (checkpoints are restored by its value). */
  ringKey: string;
  /** Whether the state a run made is kept as a checkpoint. */
  checkpointAt: (prev: EngineState, next: EngineState) => boolean;
  checkpointKeep: number;
}

export interface RunResult {
  /** Outputs read back (everything but `_next`). */
  read: Record<string, Float32Array>;
  diverged: Divergence | null;
}

const NEXT = '_next';

const copyState = (s: EngineState): EngineState => ({
  tensors: { ...s.tensors },
  counts: { ...s.counts },
  latest: { ...s.latest },
});

const sameCounts = (a: EngineState, b: EngineState) =>
  Object.keys({ ...a.counts, ...b.counts }).every((k) => a.counts[k] === b.counts[k]);

const isTensor = (f: Feed): f is OrtTensor => typeof (f as OrtTensor).dispose === 'function';

export class TrainEngine {
  private readonly sessions = new Map<string, Promise<InferenceSession>>();
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private scalars: Record<string, OrtTensor> = {};
  state: EngineState = { tensors: {}, counts: {}, latest: {} };
  private lastGood: EngineState | null = null;
  private ring: EngineState[] = [];
  diverged: Divergence | null = null;

  constructor(
    readonly ort: Ort,
    readonly backend: BackendName,
    private readonly options: EngineOptions,
  ) {}

  /** One operation at a time, inside the worker's ORT queue from start to end. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(() =>
      serializeOrt(async () => {
        if (this.disposed) throw new Error(`the ${this.options.name} trainer was disposed`);
        return fn();
      }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  tensor(data: Float32Array, dims: readonly number[]): OrtTensor {
    return new this.ort.Tensor('float32', data, dims);
  }

  /** The session of `graph`, created on first use (callers hold `exclusive`). */
  session(graph: TrainGraph): Promise<InferenceSession> {
    let s = this.sessions.get(graph.key);
    if (!s) {
      const options: InferenceSession.SessionOptions = {
        executionProviders: [this.backend],
        graphOptimizationLevel: 'all',
      };
      if (this.backend === 'webgpu') {
        options.extra = { session: { disable_cpu_ep_fallback: '1' } };
        options.preferredOutputLocation = Object.fromEntries(
          graph.outputs.map((o) => [o.name, o.name.endsWith(NEXT) ? 'gpu-buffer' : 'cpu']),
        );
      }
      s = this.ort.InferenceSession.create(graph.bytes, options);
      this.sessions.set(graph.key, s);
      s.catch(() => this.sessions.delete(graph.key));
    }
    return s;
  }

  /** Releases every session whose key is not in `keep` (callers hold `exclusive`). */
  async releaseSessions(keep: readonly string[] = []): Promise<void> {
    for (const [key, s] of [...this.sessions]) {
      if (keep.includes(key)) continue;
      this.sessions.delete(key);
      const r = await Promise.allSettled([s]);
      if (r[0].status === 'fulfilled') await r[0].value.release();
    }
  }

  /** Releases the session of one graph, if open (callers hold `exclusive`). */
  async releaseSession(key: string): Promise<void> {
    const s = this.sessions.get(key);
    this.sessions.delete(key);
    if (s) await (await s).release();
  }

  /** Whether `name` is a scalar input set by setScalars. */
  hasScalar(name: string): boolean {
    return name in this.scalars;
  }

  /** New scalar inputs (hyperparameters), used from the next run on. */
  setScalars(values: Record<string, number>): void {
    const old = Object.values(this.scalars);
    this.scalars = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, this.tensor(Float32Array.of(v), [])]),
    );
    for (const t of old) t.dispose();
  }

  private holding(): EngineState[] {
    return [this.state, this.lastGood, ...this.ring].filter((s): s is EngineState => !!s);
  }

  /** Disposes the tensors of `dropped` that no state in `kept` holds. */
  private release(
    dropped: readonly (Pick<EngineState, 'tensors'> | null | undefined)[],
    kept: readonly EngineState[] = this.holding(),
  ): void {
    const held = new Set(kept.flatMap((s) => Object.values(s.tensors)));
    const gone = new Set<OrtTensor>();
    for (const s of dropped)
      for (const t of Object.values(s?.tensors ?? {})) if (!held.has(t)) gone.add(t);
    for (const t of gone) t.dispose();
  }

  /** A fresh state (a new run): the old one, the last good one and the checkpoints go. */
  reset(
    tensors: Record<string, Float32Array>,
    counts: Record<string, number>,
    latest: Record<string, number> = {},
  ): void {
    const old = this.holding();
    this.state = {
      tensors: Object.fromEntries(
        Object.entries(tensors).map(([k, v]) => [k, this.tensor(v, [v.length])]),
      ),
      counts: { ...counts },
      latest: { ...latest },
    };
    this.lastGood = null;
    this.ring = [];
    this.diverged = null;
    this.release(old);
  }

  /**
   * Replaces tensors of the current state (null removes one), e.g. fresh optimizer state; the
   * old tensors are disposed unless another held state still holds them.
   */
  replaceTensors(patch: Record<string, Float32Array | null>): void {
    const s = this.state.tensors;
    const old: Record<string, OrtTensor> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (s[k]) old[k] = s[k];
      delete s[k];
      if (v) s[k] = this.tensor(v, [v.length]);
    }
    this.release([{ tensors: old }]);
  }

  /** Reads a state tensor back (callers hold `exclusive`). */
  async read(name: string): Promise<Float32Array> {
    const t = this.state.tensors[name];
    if (!t) throw new Error(`no state tensor ${name}`);
    return Float32Array.from((await t.getData()) as Float32Array);
  }

  /**
   * Runs `graph` once on the state, the scalars and `feeds` (data made into tensors for this
   * run; tensors used as they are). With `advance` the run is a training step: its `_next`
   * outputs make the new state, whose counts and latest values `advance` sets from what was
   * read; outputs named in `check` are checked for NaN/∞. Without, it is a view: the state is
   * unchanged (callers hold `exclusive`).
   */
  async run(
    graph: TrainGraph,
    feeds: Record<string, Feed>,
    advance: ((next: EngineState, read: Record<string, Float32Array>) => void) | null,
    check: readonly string[] = [],
  ): Promise<RunResult> {
    const session = await this.session(graph);
    const s = this.state;
    const inputs: Record<string, OrtTensor> = {};
    const made: OrtTensor[] = [];
    for (const { name } of graph.inputs) {
      const own = s.tensors[name] ?? this.scalars[name];
      if (own) inputs[name] = own;
      else {
        const f = feeds[name];
        if (!f) throw new Error(`${this.options.name}: nothing to feed ${name}`);
        if (isTensor(f)) inputs[name] = f;
        else {
          inputs[name] = this.tensor(f.data, f.dims);
          made.push(inputs[name]);
        }
      }
    }
    let results: InferenceSession.OnnxValueMapType;
    try {
      results = await session.run(inputs);
    } finally {
      for (const t of made) t.dispose();
    }
    const next: EngineState = copyState(s);
    const read: Record<string, Float32Array> = {};
    for (const [name, t] of Object.entries(results)) {
      if (name.endsWith(NEXT)) next.tensors[name.slice(0, -NEXT.length)] = t;
      else {
        read[name] = Float32Array.from((await t.getData()) as Float32Array);
        t.dispose();
      }
    }
    if (!advance) {
      this.release([next], [s]);
      return { read, diverged: this.diverged };
    }
    advance(next, read);
    this.state = next;
    const bad = check.find((k) => read[k] && !read[k].every(Number.isFinite));
    if (bad) {
      // Every checkpoint is s or older (counts only grow); the newest that is not s.
      const older = this.ring.filter((c) => !sameCounts(c, s)).at(-1);
      this.diverged = {
        value: bad,
        counts: { ...next.counts },
        lastGood: { ...s.counts },
        checkpoint: older ? { ...older.counts } : null,
      };
      const before = this.lastGood;
      this.lastGood = s;
      this.release([before]);
    } else {
      if (this.options.checkpointAt(s, next)) this.checkpoint(next);
      this.release([s]);
    }
    return { read, diverged: this.diverged };
  }

  private checkpoint(s: EngineState): void {
    // Newer checkpoints than this would be another run's (there are none after a restore,
    // which drops them; this only guards the invariant that counts grow along the ring).
    const key = this.options.ringKey;
    const dropped = this.ring.filter((c) => c.counts[key]! >= s.counts[key]!);
    this.ring = this.ring.filter((c) => c.counts[key]! < s.counts[key]!);
    this.ring.push(copyState(s));
    while (this.ring.length > this.options.checkpointKeep) dropped.push(this.ring.shift()!);
    this.release(dropped);
  }

  /** The checkpoints' counts, oldest first. */
  get checkpoints(): Record<string, number>[] {
    return this.ring.map((c) => ({ ...c.counts }));
  }

  /** Back to the state before the run that diverged; false when there is none. */
  restoreLastGood(): boolean {
    if (!this.lastGood) return false;
    const diverged = this.state;
    this.state = this.lastGood;
    this.lastGood = null;
    this.diverged = null;
    this.release([diverged]);
    return true;
  }

  /**
   * Back to the checkpoint whose ring count is `at` (it stays in the ring, to come back to
   * again); the current state, the last good one and newer checkpoints go. Returns its
   * counts, or null when there is no such checkpoint.
   */
  restoreCheckpoint(value: number): Record<string, number> | null {
    const at = this.ring.findIndex((c) => c.counts[this.options.ringKey] === value);
    if (at < 0) return null;
    const dropped = [this.state, this.lastGood, ...this.ring.slice(at + 1)];
    this.ring = this.ring.slice(0, at + 1);
    this.state = copyState(this.ring[at]!);
    this.lastGood = null;
    this.diverged = null;
    this.release(dropped);
    return { ...this.state.counts };
  }

  /** Releases every session and tensor. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.queue;
    this.disposed = true;
    const all = this.holding();
    this.lastGood = null;
    this.ring = [];
    await serializeOrt(async () => {
      this.release(all, []);
      for (const t of Object.values(this.scalars)) t.dispose();
      await this.releaseSessions();
    });
  }
}
