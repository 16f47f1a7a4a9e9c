/**
 * The inference worker and its client, in process: the real worker module runs against
 * onnxruntime-web's Node build (its WASM backend), with `self` stubbed and every message
 * passed through structuredClone with its transfer list — so a buffer listed twice, or one
 * the sender still needs, fails here as it would in the browser. The WebGPU → WASM fallback
 * is driven by a scripted worker, as Node has no WebGPU.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Tensor } from '../core/tensor';
import { convGraph, type ConvGraphSpec } from '../runtime/graph/conv';
import { readInitializers } from '../runtime/graph/onnx';
import { ModelSession } from '../runtime/session';
import { InferenceClient, InferenceError, type ClientEvent } from './inferenceClient';
import type { RequestType, WorkerHandlers, WorkerMessage, WorkerRequest } from './protocol';

// The page's ort.ts imports a per-backend build with a Vite `?url` wasm path; in Node the
// package's main entry is the same WASM backend and finds its .wasm by itself.
vi.mock('../runtime/ort', async () => {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  return { loadOrt: () => Promise.resolve(ort) };
});

const MODELS_URL = 'http://glassbox.test/models/';
const modelFile = (name: string) => new URL(`../../models/${name}`, import.meta.url);

// The loader fetches cards and models; serve them from models/ (404 for anything else).
vi.stubGlobal('fetch', (input: string | URL) => {
  const name = String(input).slice(MODELS_URL.length);
  try {
    return Promise.resolve(new Response(readFileSync(modelFile(name))));
  } catch {
    return Promise.resolve(new Response('not found', { status: 404 }));
  }
});

/** Where the worker's replies go: the direct harness or a client's bridged Worker. */
let deliver: (msg: WorkerMessage) => void = () => {};
/** Every transfer list the worker posted, by request id. */
const transfers = new Map<number, number>();

const workerScope = {
  onmessage: null as ((e: { data: WorkerRequest }) => void) | null,
  postMessage(msg: WorkerMessage, transfer: Transferable[]) {
    const copy = structuredClone(msg, { transfer });
    if ('id' in msg && msg.type !== 'progress') transfers.set(msg.id, transfer.length);
    // Replies arrive on a later task, as a real worker's would.
    setTimeout(() => deliver(copy), 0);
  },
};
vi.stubGlobal('self', workerScope);

/** Posts a request to the worker module, as the client's postMessage would. */
function toWorker(request: WorkerRequest, transfer: Transferable[] = []): void {
  const copy = structuredClone(request, { transfer });
  setTimeout(() => workerScope.onmessage!({ data: copy }), 0);
}

let nextId = 1000;
const waiting = new Map<number, (msg: WorkerMessage) => void>();

/** Sends one request straight to the worker and resolves with its reply (ok or error). */
function request<K extends RequestType>(type: K, args: WorkerHandlers[K]['args']) {
  const id = nextId++;
  deliver = (msg) => {
    if (msg.type === 'ok' || msg.type === 'error') waiting.get(msg.id)?.(msg);
  };
  return new Promise<WorkerMessage>((resolve) => {
    waiting.set(id, resolve);
    toWorker({ id, type, args } as WorkerRequest);
  }).then((msg) => {
    waiting.delete(id);
    return msg;
  });
}

async function ok<K extends RequestType>(
  type: K,
  args: WorkerHandlers[K]['args'],
): Promise<WorkerHandlers[K]['result']> {
  const msg = await request(type, args);
  if (msg.type !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(msg)}`);
  return msg.result;
}

/** A Worker whose other end is the in-process worker module. */
function bridgedWorker(): Worker {
  const worker = {
    onmessage: null as ((e: MessageEvent<WorkerMessage>) => void) | null,
    onerror: null,
    postMessage(msg: WorkerRequest, transfer: Transferable[] = []) {
      deliver = (reply) => worker.onmessage?.({ data: reply } as MessageEvent<WorkerMessage>);
      toWorker(msg, transfer);
    },
    terminate() {},
  };
  return worker as unknown as Worker;
}

// --- graphs used below --------------------------------------------------------------

const article: ConvGraphSpec = {
  inChannels: 1,
  outChannels: 1,
  height: 3,
  width: 3,
  kernelH: 3,
  kernelW: 3,
  stride: 1,
  padding: 0,
  dilation: 1,
  transposed: false,
  activation: 'none',
  pool: 'none',
  poolSize: 2,
  poolStride: 2,
};
const t = (dims: number[], data: readonly number[]): Tensor => ({
  dims,
  data: Float32Array.from(data),
});
/** Inputs for the article graph at height `h` (rows of 1, 2, 3, …). */
const articleInputs = (h = 3) => ({
  x: t(
    [1, 1, h, 3],
    Array.from({ length: h * 3 }, (_, i) => i + 1),
  ),
  w: t([1, 1, 3, 3], [0, 1, 0, 2, 0, 3, 0, 4, 0]),
  b: t([1], [0]),
});
const graphAt = (h: number) => convGraph({ ...article, height: h });

// --- the worker ----------------------------------------------------------------------

describe('inference worker', () => {
  const created: ModelSession[] = [];
  const disposed: ModelSession[] = [];
  const realCreate = ModelSession.create.bind(ModelSession);

  beforeAll(async () => {
    vi.spyOn(ModelSession, 'create').mockImplementation(async (...args) => {
      const s = await realCreate(...args);
      const dispose = s.dispose.bind(s);
      vi.spyOn(s, 'dispose').mockImplementation(async () => {
        disposed.push(s);
        await dispose();
      });
      created.push(s);
      return s;
    });
    await import('./inference.worker');
    expect(await ok('init', { policy: 'wasm', modelsUrl: MODELS_URL })).toMatchObject({
      backend: 'wasm',
    });
  });
  afterEach(async () => {
    await ok('dispose', {});
    created.length = 0;
    disposed.length = 0;
  });
  afterAll(() => vi.restoreAllMocks());

  it('runs a built graph, keeping its session for the next run', async () => {
    const g = graphAt(3);
    const first = await ok('runGraph', { key: g.key, bytes: g.bytes, inputs: articleInputs() });
    expect(first.backend).toBe('wasm');
    expect(first.ms).toBeGreaterThanOrEqual(0);
    expect(Array.from(first.outputs.conv!.data)).toEqual([60]);
    expect(Object.keys(first.outputs).sort()).toEqual(['act', 'conv']);
    const inputs = articleInputs();
    inputs.w = t([1, 1, 3, 3], [1, 1, 1, 1, 1, 1, 1, 1, 1]); // a new kernel: same graph
    const second = await ok('runGraph', { key: g.key, bytes: g.bytes, inputs });
    expect(Array.from(second.outputs.conv!.data)).toEqual([45]);
    expect(created).toHaveLength(1);
  });

  it('transfers each output buffer once', async () => {
    const g = convGraph({ ...article, pool: 'max', height: 4, width: 4, kernelH: 1, kernelW: 1 });
    const msg = await request('runGraph', {
      key: g.key,
      bytes: g.bytes,
      inputs: {
        x: t([1, 1, 4, 4], new Array<number>(16).fill(1)),
        w: t([1, 1, 1, 1], [2]),
        b: t([1], [0]),
      },
    });
    expect(msg.type).toBe('ok');
    expect(transfers.get((msg as { id: number }).id)).toBe(3); // conv, act, pool
  });

  it('keeps at most 8 graph sessions, disposing the least recently used', async () => {
    for (let h = 3; h <= 10; h++) {
      const g = graphAt(h);
      await ok('runGraph', { key: g.key, bytes: g.bytes, inputs: articleInputs(h) });
    }
    expect(created).toHaveLength(8);
    expect(disposed).toHaveLength(0);
    // Touch height 3, so height 4 is now the oldest; a ninth graph evicts it.
    const g3 = graphAt(3);
    await ok('runGraph', { key: g3.key, bytes: g3.bytes, inputs: articleInputs(3) });
    const g11 = graphAt(11);
    const r = await ok('runGraph', { key: g11.key, bytes: g11.bytes, inputs: articleInputs(11) });
    expect(r.outputs.conv!.dims).toEqual([1, 1, 9, 1]);
    expect(created).toHaveLength(9);
    await vi.waitFor(() => expect(disposed).toEqual([created[1]]));
    // The evicted graph comes back on its next run (its bytes travel with every request).
    const g4 = graphAt(4);
    const again = await ok('runGraph', { key: g4.key, bytes: g4.bytes, inputs: articleInputs(4) });
    expect(Array.from(again.outputs.conv!.data)).toEqual([60, 90]);
    expect(created).toHaveLength(10);
  });

  it('releases graph sessions along with models on dispose', async () => {
    await ok('load', { model: 'mnist_cnn' });
    for (const h of [3, 4]) {
      const g = graphAt(h);
      await ok('runGraph', { key: g.key, bytes: g.bytes, inputs: articleInputs(h) });
    }
    expect(await ok('dispose', {})).toEqual({ released: 3 });
    expect(new Set(disposed)).toEqual(new Set(created));
  });

  it('answers inputs that do not fit the graph as a runtime error (no WebGPU blame)', async () => {
    const g = graphAt(3);
    const msg = await request('runGraph', { key: g.key, bytes: g.bytes, inputs: articleInputs(4) });
    expect(msg).toMatchObject({ type: 'error', error: { kind: 'runtime' } });
    expect((msg as { error: { message: string } }).error.message).toContain(
      'input "x" has dims [1, 1, 4, 3]',
    );
  });

  it('does not keep a graph whose session could not be made', async () => {
    const msg = await request('runGraph', {
      key: 'broken',
      bytes: Uint8Array.of(1, 2, 3),
      inputs: articleInputs(),
    });
    expect(msg).toMatchObject({ type: 'error', error: { kind: 'runtime' } });
    const g = graphAt(3);
    const r = await ok('runGraph', { key: 'broken', bytes: g.bytes, inputs: articleInputs() });
    expect(Array.from(r.outputs.conv!.data)).toEqual([60]);
  });

  it("returns a model's trained weights, loading it first", async () => {
    const file = readInitializers(new Uint8Array(readFileSync(modelFile('mnist_cnn.onnx'))));
    const msg = await request('weights', { model: 'mnist_cnn' });
    if (msg.type !== 'ok') throw new Error(JSON.stringify(msg));
    const { weights } = msg.result as WorkerHandlers['weights']['result'];
    expect(weights).toEqual(file);
    expect(transfers.get(msg.id)).toBe(6);
    expect(created).toHaveLength(1); // the model's session, made by the load
    // Transferring did not detach what the worker keeps: a second request gets the same.
    expect((await ok('weights', { model: 'mnist_cnn' })).weights).toEqual(file);
  });

  it('reports a missing model when asked for its weights', async () => {
    expect(await request('weights', { model: 'nope' })).toMatchObject({
      type: 'error',
      error: { kind: 'missing', model: 'nope' },
    });
  });

  // --- through the client ---------------------------------------------------------------

  describe('through InferenceClient', () => {
    let client: InferenceClient;
    const events: ClientEvent[] = [];
    beforeAll(() => {
      client = new InferenceClient({
        modelsUrl: MODELS_URL,
        policy: 'wasm',
        onEvent: (e) => events.push(e),
        createWorker: bridgedWorker,
      });
    });
    afterAll(() => client.dispose());

    it('runGraph returns the outputs, leaves the caller its arrays, and reports the run', async () => {
      const g = graphAt(3);
      const inputs = articleInputs();
      const outputs = await client.runGraph(g.key, g.bytes, inputs);
      expect(Array.from(outputs.conv!.data)).toEqual([60]);
      // Copies were transferred; the caller's arrays and graph bytes are intact.
      expect(Array.from(inputs.x.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(g.bytes.byteLength).toBeGreaterThan(0);
      expect(events.at(-1)).toMatchObject({ type: 'ran', model: g.key, backend: 'wasm' });
    });

    it('weights loads the model and returns its initializers', async () => {
      const weights = await client.weights('mnist_cnn');
      expect(weights['model.conv1.weight']!.dims).toEqual([8, 1, 3, 3]);
      expect(Object.keys(weights)).toHaveLength(6);
      expect(events.some((e) => e.type === 'loaded' && e.model === 'mnist_cnn')).toBe(true);
      // Downloading, then preparing (session and warm-up) once every byte is in, then loaded.
      const mine = events.filter((e) => 'model' in e && e.model === 'mnist_cnn');
      const prepare = mine.findIndex((e) => e.type === 'progress' && e.phase === 'prepare');
      expect(prepare).toBeGreaterThan(0);
      expect(mine[prepare - 1]).toMatchObject({ type: 'progress', phase: 'download' });
      const last = mine[prepare - 1] as { loaded: number; total: number };
      expect(last.loaded).toBe(last.total);
      expect(mine.findIndex((e) => e.type === 'loaded')).toBeGreaterThan(prepare);
    });

    it('rejects a graph error as an InferenceError of kind runtime', async () => {
      const g = graphAt(3);
      const run = client.runGraph(g.key, g.bytes, { x: t([1], [1]) });
      await expect(run).rejects.toBeInstanceOf(InferenceError);
      await expect(run).rejects.toMatchObject({ kind: 'runtime' });
    });
  });
});

// --- WebGPU → WASM fallback, with a scripted worker -------------------------------------

describe('InferenceClient fallback for graphs and weights', () => {
  /** A worker that starts on WebGPU and fails every graph and weights request there. */
  function scriptedWorkers() {
    const started: string[] = [];
    const factory = () => {
      let backend: 'webgpu' | 'wasm' = 'webgpu';
      const worker = {
        onmessage: null as ((e: MessageEvent<WorkerMessage>) => void) | null,
        onerror: null,
        postMessage(req: WorkerRequest) {
          const reply = (msg: WorkerMessage) =>
            setTimeout(() => worker.onmessage?.({ data: msg } as MessageEvent<WorkerMessage>), 0);
          const okReply = (result: unknown) =>
            reply({ type: 'ok', id: req.id, result } as WorkerMessage);
          if (req.type === 'init') {
            backend = req.args.policy === 'wasm' ? 'wasm' : 'webgpu';
            started.push(backend);
            return okReply({ backend, adapter: backend === 'wasm' ? 'cpu' : 'gpu' });
          }
          if (req.type === 'dispose') return okReply({ released: 0 });
          if (backend === 'webgpu' && (req.type === 'runGraph' || req.type === 'load'))
            return reply({
              type: 'error',
              id: req.id,
              error: { kind: 'webgpu', message: 'shader compilation failed' },
            });
          if (req.type === 'load') return okReply({ card: { title: 'm' } });
          if (req.type === 'weights') return okReply({ weights: { w: t([1], [7]) } });
          if (req.type === 'runGraph')
            return okReply({ outputs: { y: t([1], [42]) }, ms: 1, backend, adapter: 'cpu' });
          return undefined;
        },
        terminate() {},
      };
      return worker as unknown as Worker;
    };
    return { started, factory };
  }

  it('runGraph falls back to WASM and retries', async () => {
    const { started, factory } = scriptedWorkers();
    const events: ClientEvent[] = [];
    const client = new InferenceClient({
      modelsUrl: MODELS_URL,
      policy: 'auto',
      onEvent: (e) => events.push(e),
      createWorker: factory,
    });
    const out = await client.runGraph('k', Uint8Array.of(1), { x: t([1], [1]) });
    expect(Array.from(out.y!.data)).toEqual([42]);
    expect(started).toEqual(['webgpu', 'wasm']);
    expect(events).toContainEqual({ type: 'fallback', reason: 'shader compilation failed' });
    expect(events.at(-1)).toMatchObject({ type: 'ran', model: 'k', backend: 'wasm' });
    client.dispose();
  });

  it('weights falls back to WASM when loading the model fails on WebGPU', async () => {
    const { started, factory } = scriptedWorkers();
    const client = new InferenceClient({
      modelsUrl: MODELS_URL,
      policy: 'auto',
      createWorker: factory,
    });
    const weights = await client.weights('m');
    expect(Array.from(weights.w!.data)).toEqual([7]);
    expect(started).toEqual(['webgpu', 'wasm']);
    client.dispose();
  });
});
