/**
 * The one module that configures onnxruntime-web. Each backend has its own build, loaded on
 * demand, so a WASM visitor never downloads the (larger) WebGPU build; the .wasm binaries are
 * emitted by Vite and served from our own origin, never a CDN.
 */
import type * as OrtModule from 'onnxruntime-web';
import type { BackendName } from './backend';

export type Ort = typeof OrtModule;

const loaded = new Map<BackendName, Promise<Ort>>();

async function importBuild(backend: BackendName): Promise<Ort> {
  if (backend === 'webgpu') {
    const [ort, wasm] = await Promise.all([
      import('onnxruntime-web/webgpu'),
      import('onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url'),
    ]);
    configure(ort, wasm.default);
    return ort;
  }
  const [ort, wasm] = await Promise.all([
    import('onnxruntime-web/wasm'),
    import('onnxruntime-web/ort-wasm-simd-threaded.wasm?url'),
  ]);
  configure(ort, wasm.default);
  return ort;
}

function configure(ort: Ort, wasmUrl: string): void {
  ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, import.meta.url).href };
  // Our models are tiny: per-run overhead dominates, and threads would need cross-origin
  // isolation, which a third-party iframe usually lacks. One thread behaves the same everywhere.
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
}

/** The onnxruntime-web build for a backend, imported and configured once. */
export function loadOrt(backend: BackendName): Promise<Ort> {
  let p = loaded.get(backend);
  if (!p) {
    p = importBuild(backend);
    loaded.set(backend, p);
  }
  return p;
}
