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
  /** Training steps done to reach this state. */
  steps: number;
  /** The values the run that made this state read back (losses …), kept with it. */
  latest: Record<string, number>;
}

export interface Divergence {
  /** The output that was not finite. */
  value: string;
  /** The diverged state's steps, the last good one's, and the newest older checkpoint's. */
  steps: number;
  lastGood: number;
  checkpoint: number | null;
}

export interface RunResult {
  /** Outputs read back (everything but `_next`). */
  read: Record<string, Float32Array>;
  diverged: Divergence | null;
}

const NEXT = '_next';

const copyState = (s: EngineState): EngineState => ({
  ...s,
  tensors: { ...s.tensors },
  latest: { ...s.latest },
});

export class TrainEngine {
  private readonly sessions = new Map<string, Promise<InferenceSession>>();
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private scalars: Record<string, OrtTensor> = {};
  state: EngineState = { tensors: {}, steps: 0, latest: {} };
  private lastGood: EngineState | null = null;
  private ring: EngineState[] = [];
  diverged: Divergence | null = null;

  constructor(
    readonly ort: Ort,
    readonly backend: BackendName,
    private readonly options: { name: string; checkpointEvery: number; checkpointKeep: number },
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
  reset(tensors: Record<string, Float32Array>): void {
    const old = this.holding();
    this.state = {
      tensors: Object.fromEntries(
        Object.entries(tensors).map(([k, v]) => [k, this.tensor(v, [v.length])]),
      ),
      steps: 0,
      latest: {},
    };
    this.lastGood = null;
    this.ring = [];
    this.diverged = null;
    this.release(old);
  }

  /** Reads a state tensor back (callers hold `exclusive`). */
  async read(name: string): Promise<Float32Array> {
    const t = this.state.tensors[name];
    if (!t) throw new Error(`no state tensor ${name}`);
    return Float32Array.from((await t.getData()) as Float32Array);
  }

  /**
   * Runs `graph` once on the state, the scalars and `feeds` (made into tensors here), as
   * `steps` training steps when `steps` > 0 (0: a view, the state unchanged). Outputs named in
   * `check` are checked for NaN/∞ (callers hold `exclusive`).
   */
  async run(
    graph: TrainGraph,
    feeds: Record<string, { data: Float32Array; dims: number[] }>,
    steps: number,
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
        inputs[name] = this.tensor(f.data, f.dims);
        made.push(inputs[name]);
      }
    }
    let results: InferenceSession.OnnxValueMapType;
    try {
      results = await session.run(inputs);
    } finally {
      for (const t of made) t.dispose();
    }
    const next: EngineState = copyState(s);
    next.steps += steps;
    const read: Record<string, Float32Array> = {};
    for (const [name, t] of Object.entries(results)) {
      if (name.endsWith(NEXT)) next.tensors[name.slice(0, -NEXT.length)] = t;
      else {
        read[name] = Float32Array.from((await t.getData()) as Float32Array);
        t.dispose();
      }
    }
    if (steps === 0) {
      this.release([next], [s]);
      return { read, diverged: this.diverged };
    }
    this.state = next;
    const bad = check.find((k) => read[k] && !read[k].every(Number.isFinite));
    if (bad) {
      const older = this.ring.filter((c) => c.steps < s.steps).at(-1);
      this.diverged = {
        value: bad,
        steps: next.steps,
        lastGood: s.steps,
        checkpoint: older ? older.steps : null,
      };
      const before = this.lastGood;
      this.lastGood = s;
      this.release([before]);
    } else {
      const every = this.options.checkpointEvery;
      if (Math.floor(next.steps / every) > Math.floor(s.steps / every)) this.checkpoint(next);
      this.release([s]);
    }
    return { read, diverged: this.diverged };
  }

  private checkpoint(s: EngineState): void {
    const dropped = this.ring.filter((c) => c.steps >= s.steps);
    this.ring = this.ring.filter((c) => c.steps < s.steps);
    this.ring.push(copyState(s));
    while (this.ring.length > this.options.checkpointKeep) dropped.push(this.ring.shift()!);
    this.release(dropped);
  }

  /** The checkpoints' steps, oldest first. */
  get checkpoints(): number[] {
    return this.ring.map((c) => c.steps);
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

  /** Back to the checkpoint at `steps` (it stays in the ring); null when there is none. */
  restoreCheckpoint(steps: number): number | null {
    const at = this.ring.findIndex((c) => c.steps === steps);
    if (at < 0) return null;
    const dropped = [this.state, this.lastGood, ...this.ring.slice(at + 1)];
    this.ring = this.ring.slice(0, at + 1);
    this.state = copyState(this.ring[at]!);
    this.lastGood = null;
    this.diverged = null;
    this.release(dropped);
    return this.state.steps;
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
