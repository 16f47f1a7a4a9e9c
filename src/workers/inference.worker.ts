/**
 * Runs models off the main thread. Chooses the backend (probing WebGPU here, where the
 * sessions live), loads and verifies models, keeps one session per model, and answers runs.
 */
import { chooseBackend, probeWebGpu, type BackendName } from '../runtime/backend';
import { loadModel, ModelLoadError } from '../runtime/loader';
import type { ModelCard } from '../runtime/modelCard';
import { loadOrt, type Ort } from '../runtime/ort';
import { ModelSession } from '../runtime/session';
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

let runtime: Runtime | undefined;
const sessions = new Map<string, Promise<{ session: ModelSession; card: ModelCard }>>();
let device: GPUDevice | undefined;

function post(msg: WorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
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
      ort.env.webgpu.adapter = probe.adapter;
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

  async dispose() {
    const entries = [...sessions.values()];
    sessions.clear();
    const opened = await Promise.allSettled(entries);
    let released = 0;
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
    post({ type: 'progress', id, model, loaded: p.loaded, total: p.total }),
  );
  const session = await ModelSession.create(rt.ort, bytes, rt.backend);
  if (rt.backend === 'webgpu') await watchDevice(rt.ort);
  // Warm-up: the first run compiles the shaders; do it now, behind the progress bar.
  const inputs = Object.fromEntries(
    card.inputs.map((input) => {
      const dims = input.shape.map((d) => (typeof d === 'number' ? d : 1));
      return [input.name, { data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims }];
    }),
  );
  await session.run(inputs);
  return { session, card };
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
  return { kind: runtime?.backend === 'webgpu' ? 'webgpu' : 'runtime', message };
}

function transferablesOf(result: unknown): Transferable[] {
  const out: Transferable[] = [];
  const outputs = (result as { outputs?: Record<string, { data: Float32Array }> }).outputs;
  if (outputs) for (const t of Object.values(outputs)) out.push(t.data.buffer);
  return out;
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, type, args } = event.data;
  const handler = handlers[type] as Handler<typeof type>;
  handler(args as never, id).then(
    (result) => post({ type: 'ok', id, result }, transferablesOf(result)),
    (e: unknown) => post({ type: 'error', id, error: toWorkerError(e) }),
  );
};
