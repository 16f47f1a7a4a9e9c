/**
 * Runs models off the main thread. Chooses the backend (probing WebGPU here, where the
 * sessions live), loads and verifies models, keeps one session per model and a few per built
 * graph, and answers runs.
 */
import { chooseBackend, probeWebGpu, type BackendName } from '../runtime/backend';
import { GanConfigError, GanTrainer } from '../runtime/ganTrainer';
import { readInitializers } from '../runtime/graph/onnx';
import { ProtoDecodeError } from '../runtime/graph/protobuf';
import { SessionCache } from '../runtime/graph/sessionCache';
import { loadModel, ModelLoadError } from '../runtime/loader';
import type { ModelCard } from '../runtime/modelCard';
import { loadOrt, type Ort } from '../runtime/ort';
import { InputMismatchError, ModelSession } from '../runtime/session';
import { PlaygroundTrainer } from '../runtime/trainer/playground';
import type { WorkerError, WorkerHandlers, WorkerMessage, WorkerRequest } from './protocol';

/** The dedicated worker scope (module-local, so the DOM typings of `self` do not apply). */
declare const self: {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};

interface Runtime {
  ort: Ort;
  backend: BackendName;
  adapter: string;
  modelsUrl: string;
}

interface OpenModel {
  session: ModelSession;
  card: ModelCard;
  /** The verified file, kept for `weights` (tens of kilobytes; decoded on request). */
  bytes: Uint8Array;
}

/**
 * How many built-graph sessions stay open. A sandbox user flips between a few shapes
 * (transposed on/off, a stride or two); eight covers that without holding a session for every
 * setting ever tried.
 */
const GRAPH_SESSIONS = 8;

let runtime: Runtime | undefined;
const sessions = new Map<string, Promise<OpenModel>>();
const graphs = new SessionCache<ModelSession>(GRAPH_SESSIONS);
let device: GPUDevice | undefined;
/** The GAN trainer, once `trainInit` made one. */
let trainer: Promise<GanTrainer> | undefined;

/** The Basics playground's trainer, once `pgConfig` made one. */
let playground: Promise<PlaygroundTrainer> | undefined;

function requirePlayground(): Promise<PlaygroundTrainer> {
  if (!playground)
    return Promise.reject(new GanConfigError('the playground trainer was not initialised'));
  return playground;
}

function post(msg: WorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function requireTrainer(): Promise<GanTrainer> {
  if (!trainer) return Promise.reject(new GanConfigError('GAN training was not initialised'));
  return trainer;
}

function requireRuntime(): Runtime {
  if (!runtime) throw new Error('the inference worker was not initialised');
  return runtime;
}

type Handler<K extends keyof WorkerHandlers> = (
  args: WorkerHandlers[K]['args'],
  id: number,
) => Promise<WorkerHandlers[K]['result']>;

const handlers: { [K in keyof WorkerHandlers]: Handler<K> } = {
  async init({ policy, modelsUrl }) {
    const probe =
      policy === 'wasm' ? { ok: false as const, reason: 'WASM was chosen' } : await probeWebGpu();
    const choice = chooseBackend(policy, probe);
    if (choice.backend === 'webgpu' && probe.ok) {
      const ort = await loadOrt('webgpu');
      // ORT asks for its own adapter (the probe consumed this one by creating a test device).
      runtime = { ort, backend: 'webgpu', adapter: probe.name, modelsUrl };
    } else {
      const ort = await loadOrt('wasm');
      runtime = { ort, backend: 'wasm', adapter: 'WebAssembly (CPU)', modelsUrl };
    }
    return {
      backend: runtime.backend,
      adapter: runtime.adapter,
      fallbackReason: choice.fallbackReason,
    };
  },

  async load({ model }, id) {
    const { card } = await openModel(model, id);
    return { card };
  },

  async run({ model, inputs }, id) {
    const rt = requireRuntime();
    const { session } = await openModel(model, id);
    const t0 = performance.now();
    const outputs = await session.run(inputs);
    return { outputs, ms: performance.now() - t0, backend: rt.backend, adapter: rt.adapter };
  },

  async runGraph({ key, bytes, inputs }) {
    const rt = requireRuntime();
    return await graphs.use(
      key,
      () => createGraphSession(rt, bytes),
      async (session) => {
        const t0 = performance.now();
        const outputs = await session.run(inputs);
        return { outputs, ms: performance.now() - t0, backend: rt.backend, adapter: rt.adapter };
      },
    );
  },

  async weights({ model }, id) {
    const { bytes } = await openModel(model, id);
    // Decoded afresh each time: the arrays are transferred to the caller, which detaches them.
    return { weights: readInitializers(bytes) };
  },

  async trainInit({ config }) {
    const rt = requireRuntime();
    const old = trainer;
    trainer = undefined;
    if (old) await old.then((t) => t.dispose()).catch(() => undefined);
    const created = GanTrainer.create(rt.ort, rt.backend, config);
    trainer = created;
    created.catch(() => {
      if (trainer === created) trainer = undefined;
    });
    const t = await created;
    if (rt.backend === 'webgpu') await watchDevice(rt.ort);
    return t.info;
  },

  async trainStep({ kind, count }) {
    return (await requireTrainer()).step(kind, count);
  },

  async trainSetHyper({ hyper }) {
    const t = await requireTrainer();
    await t.setHyper(hyper);
    return t.info;
  },

  async trainSetSpec({ spec, seed }) {
    const t = await requireTrainer();
    const { reinitialised } = await t.setSpec(spec, seed);
    return { ...t.info, reinitialised };
  },

  async trainSetView({ view }) {
    const t = await requireTrainer();
    await t.setView(view);
    return t.info;
  },

  async trainSetData({ data }) {
    const t = await requireTrainer();
    await t.setData(data);
    return t.info;
  },

  async trainReset({ seed }) {
    const t = await requireTrainer();
    await t.reinitialise(seed);
    return t.info;
  },

  async trainSnapshot({ params }) {
    return (await requireTrainer()).snapshot({ params });
  },

  async trainRestore() {
    return { restored: await (await requireTrainer()).restoreLastGood() };
  },

  async trainRestoreCheckpoint({ stepsG }) {
    return { restored: await (await requireTrainer()).restoreCheckpoint(stepsG) };
  },

  async trainDispose() {
    const old = trainer;
    trainer = undefined;
    if (!old) return { released: false };
    await (await old).dispose();
    return { released: true };
  },

  async pgConfig({ config }) {
    const rt = requireRuntime();
    if (!playground) {
      const created = PlaygroundTrainer.create(rt.ort, rt.backend, config);
      playground = created;
      created.catch(() => {
        if (playground === created) playground = undefined;
      });
      await created;
      if (rt.backend === 'webgpu') await watchDevice(rt.ort);
      return { restarted: true, backend: rt.backend };
    }
    const { restarted } = await (await playground).setConfig(config);
    return { restarted, backend: rt.backend };
  },

  async pgTrain({ iterations }) {
    return (await requirePlayground()).trainSteps(iterations);
  },

  async pgStep() {
    return (await requirePlayground()).stepDetail();
  },

  async pgSnapshot() {
    return (await requirePlayground()).snapshot();
  },

  async pgReset() {
    await (await requirePlayground()).reset();
    return { reset: true as const };
  },

  async pgRestore() {
    return { restored: await (await requirePlayground()).restoreLastGood() };
  },

  async pgDispose() {
    const old = playground;
    playground = undefined;
    if (!old) return { released: false };
    await (await old).dispose();
    return { released: true };
  },

  async dispose() {
    const old = trainer;
    trainer = undefined;
    if (old) await old.then((t) => t.dispose()).catch(() => undefined);
    const oldPg = playground;
    playground = undefined;
    if (oldPg) await oldPg.then((t) => t.dispose()).catch(() => undefined);
    const entries = [...sessions.values()];
    sessions.clear();
    const opened = await Promise.allSettled(entries);
    let released = await graphs.clear();
    for (const r of opened) {
      if (r.status === 'fulfilled') {
        await r.value.session.dispose();
        released++;
      }
    }
    device?.destroy();
    device = undefined;
    return { released };
  },

  loseDevice() {
    if (!device) return Promise.resolve({ lost: false });
    device.destroy();
    return Promise.resolve({ lost: true });
  },
};

/** Loads, verifies, creates and warms up a model's session once; later calls share it. */
function openModel(model: string, id: number) {
  let entry = sessions.get(model);
  if (!entry) {
    entry = createSession(model, id);
    sessions.set(model, entry);
    entry.catch(() => sessions.delete(model));
  }
  return entry;
}

async function createSession(model: string, id: number) {
  const rt = requireRuntime();
  const { card, bytes } = await loadModel(rt.modelsUrl, model, (p) =>
    post({ type: 'progress', id, model, loaded: p.loaded, total: p.total, phase: 'download' }),
  );
  // Downloaded and verified: creating the session and the warm-up run can take seconds more.
  post({
    type: 'progress',
    id,
    model,
    loaded: bytes.byteLength,
    total: bytes.byteLength,
    phase: 'prepare',
  });
  const session = await ModelSession.create(rt.ort, bytes, rt.backend);
  try {
    if (rt.backend === 'webgpu') await watchDevice(rt.ort);
    // Warm-up: the first run compiles the shaders; do it now, behind the progress bar.
    const inputs = Object.fromEntries(
      card.inputs.map((input) => {
        const dims = input.shape.map((d) => (typeof d === 'number' ? d : 1));
        return [input.name, { data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims }];
      }),
    );
    await session.run(inputs);
  } catch (e) {
    await session.dispose().catch(() => undefined); // a failed warm-up must not leak the session
    throw e;
  }
  return { session, card, bytes };
}

/**
 * A session for a built graph, by the same rules as a model's (one execution provider; on
 * WebGPU no CPU fallback). No warm-up run: the caller's first run is the one that compiles.
 */
async function createGraphSession(rt: Runtime, bytes: Uint8Array): Promise<ModelSession> {
  const session = await ModelSession.create(rt.ort, bytes, rt.backend);
  if (rt.backend === 'webgpu') await watchDevice(rt.ort);
  return session;
}

async function watchDevice(ort: Ort): Promise<void> {
  if (device) return;
  try {
    device = await ort.env.webgpu.device;
  } catch {
    return; // the device is not exposed by this build: failures still surface as run errors
  }
  void device.lost.then((info) => {
    post({
      type: 'deviceLost',
      reason: info.message || `the WebGPU device was lost (${info.reason})`,
    });
  });
}

function toWorkerError(e: unknown): WorkerError {
  if (e instanceof ModelLoadError) return { kind: e.kind, message: e.message, model: e.model };
  const message = e instanceof Error ? e.message : String(e);
  // Wrong inputs and unreadable weights would fail on WASM just the same: not WebGPU's fault,
  // so no fallback.
  if (
    e instanceof InputMismatchError ||
    e instanceof ProtoDecodeError ||
    e instanceof GanConfigError
  )
    return { kind: 'runtime', message };
  return { kind: runtime?.backend === 'webgpu' ? 'webgpu' : 'runtime', message };
}

/**
 * The Float32Array buffers in a result (tensors of outputs or weights; a training report's
 * or snapshot's arrays), each listed once. Every one is a fresh array nobody else holds.
 */
function transferablesOf(result: unknown): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (v instanceof Float32Array) buffers.add(v.buffer as ArrayBuffer);
    else if (v && typeof v === 'object' && depth < 4)
      for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(result, 0);
  return [...buffers];
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, type, args } = event.data;
  const handler = handlers[type] as Handler<typeof type>;
  handler(args as never, id).then(
    (result) => post({ type: 'ok', id, result }, transferablesOf(result)),
    (e: unknown) => post({ type: 'error', id, error: toWorkerError(e) }),
  );
};
