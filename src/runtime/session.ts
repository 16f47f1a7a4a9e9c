import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-web';
import type { Tensor } from '../core/tensor';
import type { BackendName } from './backend';
import type { Ort } from './ort';

export type NamedTensors = Record<string, Tensor>;

/**
 * A run whose inputs do not fit the model (a missing or unknown name, wrong dims): the
 * caller's mistake, not the backend's — so the worker reports it as such instead of blaming
 * WebGPU and falling back to WASM.
 */
export class InputMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputMismatchError';
  }
}

let ortQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs ORT work (creating a session, a run) one call at a time for the whole worker. On
 * WebGPU, overlapping calls from different sessions fail ("another WebGPU EP inference session
 * is being created") or crash the tab, so every session, model and train step shares this one
 * queue — which costs nothing, as the worker has one thread anyway.
 */
export function serializeOrt<T>(work: () => Promise<T>): Promise<T> {
  const next = ortQueue.then(work);
  ortQueue = next.catch(() => undefined);
  return next;
}

const showDims = (dims: readonly (number | string)[]) => `[${dims.join(', ')}]`;

/**
 * Owns one InferenceSession. Runs are queued, because overlapping `run` calls fail (or crash
 * the tab) on WebGPU; every ORT tensor made or returned here is disposed here, and outputs
 * leave as plain Float32Arrays owned by the caller.
 */
export class ModelSession {
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  private constructor(
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    readonly backend: BackendName,
  ) {}

  /**
   * Creates a session on exactly one execution provider. On WebGPU, CPU fallback is disabled,
   * so creation fails (and the caller falls back to WASM) rather than silently running some
   * nodes on the CPU while the badge says WebGPU.
   */
  static async create(ort: Ort, bytes: Uint8Array, backend: BackendName): Promise<ModelSession> {
    const options: InferenceSession.SessionOptions = {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
    };
    if (backend === 'webgpu') options.extra = { session: { disable_cpu_ep_fallback: '1' } };
    const session = await serializeOrt(() => ort.InferenceSession.create(bytes, options));
    return new ModelSession(ort, session, backend);
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /** Runs the model; resolves with every output, copied out of ORT. Calls never overlap. */
  run(inputs: NamedTensors): Promise<NamedTensors> {
    const next = this.queue.then(() => serializeOrt(() => this.runNow(inputs)));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The model's declared inputs by name (read once: the runtime builds them on each access). */
  private declaredInputs: Map<string, InferenceSession.ValueMetadata> | null = null;

  /** Checks names, dims and data lengths against the model's declared inputs. */
  private checkInputs(inputs: NamedTensors): void {
    const declared = (this.declaredInputs ??= new Map(
      this.session.inputMetadata.map((m) => [m.name, m]),
    ));
    for (const [name, t] of Object.entries(inputs)) {
      const meta = declared.get(name);
      if (!meta)
        throw new InputMismatchError(
          `"${name}" is not an input of this model (its inputs: ${[...declared.keys()].join(', ')})`,
        );
      if (t.data.length !== t.dims.reduce((a, b) => a * b, 1))
        throw new InputMismatchError(
          `input "${name}" has ${t.data.length} values for dims ${showDims(t.dims)}`,
        );
      // Symbolic dims (strings) take any size; an empty shape means the model left it open.
      if (!meta.isTensor || meta.shape.length === 0) continue;
      const fits =
        meta.shape.length === t.dims.length &&
        meta.shape.every((d, i) => typeof d !== 'number' || d === t.dims[i]);
      if (!fits)
        throw new InputMismatchError(
          `input "${name}" has dims ${showDims(t.dims)}; the model expects ${showDims(meta.shape)}`,
        );
    }
    for (const name of declared.keys())
      if (!(name in inputs)) throw new InputMismatchError(`input "${name}" is missing`);
  }

  private async runNow(inputs: NamedTensors): Promise<NamedTensors> {
    if (this.disposed) throw new Error('the model session was disposed');
    this.checkInputs(inputs);
    const feeds: Record<string, OrtTensor> = {};
    let results: InferenceSession.OnnxValueMapType | undefined;
    try {
      // Inside the try: if one tensor cannot be made, the ones made before are still disposed.
      for (const [name, t] of Object.entries(inputs)) {
        feeds[name] = new this.ort.Tensor('float32', t.data, t.dims);
      }
      results = await this.session.run(feeds);
      const out: NamedTensors = {};
      for (const name of this.session.outputNames) {
        const value = results[name]!;
        // WASM outputs are already in memory (no await per output); GPU ones are read back.
        // Either way ORT hands over a fresh array of its own (copied out of the WASM heap or
        // downloaded), which disposing the tensor only lets go of: it is kept, not copied
        // again. Other types become float32.
        const data = value.location === 'cpu' ? value.data : await value.getData();
        out[name] = {
          data: data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>),
          dims: [...value.dims],
        };
      }
      return out;
    } finally {
      for (const t of Object.values(feeds)) t.dispose();
      if (results) for (const t of Object.values(results)) t.dispose();
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue;
    // Through the worker's one ORT queue: releasing a WebGPU session while another session
    // is being created or run corrupts the runtime's heap ("memory access out of bounds").
    await serializeOrt(() => this.session.release());
  }
}
