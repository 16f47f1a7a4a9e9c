import { describe, expect, it, vi } from 'vitest';
import {
  BACKEND_POLICIES,
  chooseBackend,
  describeAdapter,
  isBackendPolicy,
  probeWebGpu,
  type BackendChoice,
  type BackendPolicy,
  type WebGpuProbe,
} from './backend';

const fakeAdapter = {} as GPUAdapter;
const hardware: WebGpuProbe = {
  ok: true,
  adapter: fakeAdapter,
  name: 'nvidia ampere rtx',
  software: false,
};
const software: WebGpuProbe = {
  ok: true,
  adapter: fakeAdapter,
  name: 'google swiftshader (software)',
  software: true,
};
const unavailable: WebGpuProbe = { ok: false, reason: 'no WebGPU adapter is available' };

describe('chooseBackend', () => {
  // The whole policy × probe table of DESIGN.md, "Backend policy".
  const table: [BackendPolicy, WebGpuProbe, BackendChoice][] = [
    ['auto', hardware, { backend: 'webgpu' }],
    ['auto', software, { backend: 'wasm' }],
    ['auto', unavailable, { backend: 'wasm' }],
    ['webgpu', hardware, { backend: 'webgpu' }],
    ['webgpu', software, { backend: 'webgpu' }],
    ['webgpu', unavailable, { backend: 'wasm', fallbackReason: 'no WebGPU adapter is available' }],
    ['wasm', hardware, { backend: 'wasm' }],
    ['wasm', software, { backend: 'wasm' }],
    ['wasm', unavailable, { backend: 'wasm' }],
  ];

  const label = (p: WebGpuProbe) =>
    !p.ok ? 'no adapter' : p.software ? 'software adapter' : 'hardware adapter';
  it.each(
    table.map(([policy, probe, choice]) => ({ policy, probe, choice, adapter: label(probe) })),
  )('$policy, $adapter → $choice.backend', ({ policy, probe, choice }) => {
    // toStrictEqual: a fallbackReason that should be absent must be absent, not undefined-valued.
    expect(chooseBackend(policy, probe)).toStrictEqual(choice);
  });

  it('covers every policy', () => {
    expect([...BACKEND_POLICIES].sort()).toEqual(['auto', 'wasm', 'webgpu']);
  });
});

describe('isBackendPolicy', () => {
  it('accepts exactly auto, webgpu and wasm', () => {
    expect(['auto', 'webgpu', 'wasm'].every(isBackendPolicy)).toBe(true);
    expect(['', 'WASM', 'webgl', 'cpu', 1, null, undefined].some(isBackendPolicy)).toBe(false);
  });
});

describe('describeAdapter', () => {
  it('joins vendor, architecture and device', () => {
    expect(describeAdapter({ vendor: 'nvidia', architecture: 'ampere', device: 'rtx 3060' })).toBe(
      'nvidia ampere rtx 3060',
    );
  });
  it('uses the description when there is no device, and skips empty parts', () => {
    expect(
      describeAdapter({ vendor: 'apple', architecture: '', device: '', description: 'M2' }),
    ).toBe('apple M2');
  });
  it('names an adapter that reports nothing', () => {
    expect(describeAdapter({ vendor: '', architecture: '', device: '', description: '' })).toBe(
      'unknown adapter',
    );
  });
});

interface FakeInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter?: boolean;
}

/** A GPU whose requestAdapter() answers an adapter with the given info (and a device). */
function fakeGpu(info: Partial<FakeInfo>, requestDevice?: () => Promise<GPUDevice>) {
  const destroy = vi.fn();
  const adapter = {
    info: { vendor: '', architecture: '', device: '', description: '', ...info },
    requestDevice: vi.fn(
      requestDevice ?? (() => Promise.resolve({ destroy } as unknown as GPUDevice)),
    ),
  };
  const gpu = { requestAdapter: vi.fn(() => Promise.resolve(adapter)) } as unknown as GPU;
  return { gpu, adapter, destroy };
}

describe('probeWebGpu', () => {
  it('reports a browser without navigator.gpu', async () => {
    const probe = await probeWebGpu(undefined);
    expect(probe.ok).toBe(false);
    expect(!probe.ok && probe.reason).toMatch(/navigator\.gpu/);
  });

  it('reports when no adapter is available', async () => {
    const gpu = { requestAdapter: () => Promise.resolve(null) } as unknown as GPU;
    expect(await probeWebGpu(gpu)).toStrictEqual({
      ok: false,
      reason: 'no WebGPU adapter is available',
    });
  });

  it('reports a throwing requestAdapter with its error', async () => {
    const gpu = {
      requestAdapter: () => Promise.reject(new Error('GPU process crashed')),
    } as unknown as GPU;
    const probe = await probeWebGpu(gpu);
    expect(probe.ok).toBe(false);
    expect(!probe.ok && probe.reason).toMatch(/requestAdapter\(\) failed: .*GPU process crashed/);
  });

  it('marks an adapter with info.isFallbackAdapter as software', async () => {
    const { gpu, destroy } = fakeGpu({
      vendor: 'google',
      architecture: 'x',
      isFallbackAdapter: true,
    });
    const probe = await probeWebGpu(gpu);
    expect(probe).toMatchObject({ ok: true, software: true, name: 'google x (software)' });
    expect(destroy).toHaveBeenCalledTimes(1);
  });

  it('marks an adapter with the legacy adapter.isFallbackAdapter as software', async () => {
    const { gpu, adapter } = fakeGpu({ vendor: 'acme', architecture: 'gen1' });
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter = true;
    expect(await probeWebGpu(gpu)).toMatchObject({
      ok: true,
      software: true,
      name: 'acme gen1 (software)',
    });
  });

  it('marks a SwiftShader adapter (by architecture) as software', async () => {
    const { gpu, destroy } = fakeGpu({ vendor: 'google', architecture: 'swiftshader' });
    const probe = await probeWebGpu(gpu);
    expect(probe).toMatchObject({
      ok: true,
      software: true,
      name: 'google swiftshader (software)',
    });
    expect(destroy).toHaveBeenCalledTimes(1);
  });

  it.each(['llvmpipe', 'lavapipe', 'Microsoft Basic Render Driver'])(
    'marks %s (by description) as software',
    async (description) => {
      const { gpu } = fakeGpu({ vendor: 'mesa', description });
      expect(await probeWebGpu(gpu)).toMatchObject({ ok: true, software: true });
    },
  );

  it('reports a hardware adapter by name, not software, and releases the test device', async () => {
    const info = {
      vendor: 'nvidia',
      architecture: 'ampere',
      device: 'rtx 3060',
      description: 'NVIDIA GeForce',
    };
    const { gpu, adapter, destroy } = fakeGpu(info);
    const probe = await probeWebGpu(gpu);
    expect(probe).toStrictEqual({
      ok: true,
      adapter,
      name: describeAdapter(info),
      software: false,
    });
    expect(probe.ok && probe.name).toBe('nvidia ampere rtx 3060');
    expect(adapter.requestDevice).toHaveBeenCalledTimes(1);
    expect(destroy).toHaveBeenCalledTimes(1);
  });

  it('reports a failing requestDevice, naming the adapter', async () => {
    const { gpu } = fakeGpu({ vendor: 'intel', architecture: 'gen-12lp' }, () =>
      Promise.reject(new Error('out of memory')),
    );
    const probe = await probeWebGpu(gpu);
    expect(probe.ok).toBe(false);
    expect(!probe.ok && probe.reason).toMatch(/intel gen-12lp/);
    expect(!probe.ok && probe.reason).toMatch(/out of memory/);
  });
});
