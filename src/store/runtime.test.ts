import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Tensor } from '../core/tensor';
import type * as ClientModule from '../workers/inferenceClient';
import { InferenceError } from '../workers/inferenceClient';
import { modelWeights, runGraph, startRuntime } from './runtime';
import { useAppStore } from './store';

/** What the fake client answers next; set per test. */
const next = {
  runGraph: (): Promise<Record<string, Tensor>> => Promise.reject(new Error('unset')),
  weights: (): Promise<Record<string, Tensor>> => Promise.reject(new Error('unset')),
};
const calls: unknown[][] = [];

// The real client starts a Web Worker, which Node lacks; these tests are about how the store
// reports what the client answers.
vi.mock('../workers/inferenceClient', async (importOriginal) => {
  const real = await importOriginal<typeof ClientModule>();
  class FakeClient {
    setPolicy() {}
    runGraph(...args: unknown[]) {
      calls.push(['runGraph', ...args]);
      return next.runGraph();
    }
    weights(...args: unknown[]) {
      calls.push(['weights', ...args]);
      return next.weights();
    }
  }
  return { ...real, InferenceClient: FakeClient };
});

const tensor: Tensor = { data: Float32Array.of(60), dims: [1, 1, 1, 1] };

beforeEach(() => {
  startRuntime('http://test/models/');
  useAppStore.setState({ notices: [], models: {} });
  calls.length = 0;
});

describe('runGraph', () => {
  it('passes the graph key, bytes and inputs to the client', async () => {
    next.runGraph = () => Promise.resolve({ conv: tensor });
    const bytes = Uint8Array.of(1, 2);
    const inputs = { x: tensor };
    expect(await runGraph({ key: 'k', bytes }, inputs)).toEqual({ conv: tensor });
    expect(calls).toEqual([['runGraph', 'k', bytes, inputs]]);
  });

  it('reports a failure as a runtime notice, not as a broken model', async () => {
    next.runGraph = () =>
      Promise.reject(new InferenceError({ kind: 'runtime', message: 'input "x" is missing' }));
    await expect(runGraph({ key: 'k', bytes: Uint8Array.of(1) }, {})).rejects.toThrow('missing');
    await expect(runGraph({ key: 'k2', bytes: Uint8Array.of(1) }, {})).rejects.toThrow();
    const s = useAppStore.getState();
    expect(s.models).toEqual({});
    // One notice for all graphs: the latest failure replaces the previous one.
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]).toMatchObject({
      level: 'error',
      key: 'notice.runtimeError',
      params: { detail: 'input "x" is missing' },
      tag: 'graph',
    });
  });
});

describe('modelWeights', () => {
  it('returns the weights', async () => {
    next.weights = () => Promise.resolve({ 'model.fc.bias': tensor });
    expect(await modelWeights('mnist_cnn')).toEqual({ 'model.fc.bias': tensor });
    expect(calls).toEqual([['weights', 'mnist_cnn']]);
  });

  it("reports a model that cannot be loaded as that model's error", async () => {
    next.weights = () =>
      Promise.reject(
        new InferenceError({ kind: 'missing', message: 'HTTP 404', model: 'mnist_cnn' }),
      );
    await expect(modelWeights('mnist_cnn')).rejects.toThrow('HTTP 404');
    const s = useAppStore.getState();
    expect(s.models.mnist_cnn).toEqual({
      state: 'error',
      error: { kind: 'missing', message: 'HTTP 404' },
    });
    // One message, shown in place by ModelStatus: no notice on top of it.
    expect(s.notices).toEqual([]);
  });
});
