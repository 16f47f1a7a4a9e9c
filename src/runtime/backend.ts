/** What the user asked for: `auto` lets Glassbox decide, the others force a backend. */
export type BackendPolicy = 'auto' | 'webgpu' | 'wasm';
/** What actually runs the models. */
export type BackendName = 'webgpu' | 'wasm';

export const BACKEND_POLICIES: readonly BackendPolicy[] = ['auto', 'webgpu', 'wasm'];

export function isBackendPolicy(v: unknown): v is BackendPolicy {
  return typeof v === 'string' && (BACKEND_POLICIES as readonly string[]).includes(v);
}

/** The result of asking the browser for a WebGPU adapter and device. */
export type WebGpuProbe =
  | { ok: true; adapter: GPUAdapter; name: string; software: boolean }
  | { ok: false; reason: string };

/** A readable name for an adapter, e.g. "google swiftshader (software)". */
export function describeAdapter(info: {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}): string {
  const parts = [info.vendor, info.architecture, info.device || info.description].filter(
    (p): p is string => !!p,
  );
  return parts.join(' ') || 'unknown adapter';
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render|warp/i;

/**
 * Asks for an adapter and proves a device can be created on it (then releases the test
 * device). A fallback adapter (SwiftShader, llvmpipe, WARP) is reported as software.
 */
export async function probeWebGpu(
  gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu,
): Promise<WebGpuProbe> {
  if (!gpu) return { ok: false, reason: 'this browser does not expose WebGPU (navigator.gpu)' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { ok: false, reason: `requestAdapter() failed: ${String(e)}` };
  }
  if (!adapter) return { ok: false, reason: 'no WebGPU adapter is available' };
  // `info` is missing on older implementations: name the adapter as unknown rather than fail.
  const info: Partial<GPUAdapterInfo> = (adapter as { info?: GPUAdapterInfo }).info ?? {};
  const name = describeAdapter(info);
  const legacyFallback = (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const software =
    (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true ||
    legacyFallback === true ||
    SOFTWARE_ADAPTER.test(`${info.vendor} ${info.architecture} ${info.device} ${info.description}`);
  try {
    const device = await adapter.requestDevice();
    device.destroy();
  } catch (e) {
    return { ok: false, reason: `a WebGPU device could not be created on ${name}: ${String(e)}` };
  }
  return { ok: true, adapter, name: software ? `${name} (software)` : name, software };
}

export interface BackendChoice {
  backend: BackendName;
  /** Why WebGPU was not used, when it was asked for or could have been; shown as a notice. */
  fallbackReason?: string;
}

/**
 * The backend policy of DESIGN.md: `wasm` always runs WASM; `webgpu` runs WebGPU on any
 * working adapter, software included; `auto` runs WebGPU only on a hardware adapter.
 */
export function chooseBackend(policy: BackendPolicy, probe: WebGpuProbe): BackendChoice {
  if (policy === 'wasm') return { backend: 'wasm' };
  if (!probe.ok) {
    return policy === 'webgpu'
      ? { backend: 'wasm', fallbackReason: probe.reason }
      : { backend: 'wasm' };
  }
  if (policy === 'auto' && probe.software) return { backend: 'wasm' };
  return { backend: 'webgpu' };
}
