import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import type { InferenceSession } from 'onnxruntime-web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { argmax, maxAbsDiff } from '../core/tensor';
import type { Ort } from './ort';
import { ModelSession, type NamedTensors } from './session';

// Single-threaded, as src/runtime/ort.ts configures the page (see models.test.ts for why).
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const bytes = new Uint8Array(readFileSync(new URL('../../models/mnist_cnn.onnx', import.meta.url)));
const samples = (
  JSON.parse(readFileSync(new URL('../../models/mnist_samples.json', import.meta.url), 'utf8')) as {
    digits: { label: number; pixels: number[] }[];
  }
).digits;
const OUTPUTS = ['conv1', 'relu1', 'pool1', 'conv2', 'relu2', 'pool2', 'logits', 'probabilities'];

const imageOf = (i: number): NamedTensors => ({
  image: { data: Float32Array.from(samples[i]!.pixels), dims: [1, 1, 28, 28] },
});

/**
 * ORT with its InferenceSession wrapped, to watch what ModelSession does with it: how many
 * `run`s are in flight at once (each held open 5 ms longer, so overlapping calls would
 * certainly overlap), whether every tensor is disposed, and when `release` happens.
 */
function instrumentedOrt() {
  const watch = {
    inFlight: 0,
    maxInFlight: 0,
    runs: 0,
    released: false,
    runningWhenReleased: 0,
    /** Called as each run reaches ORT. */
    onRunStart: () => {},
    /** Every ORT tensor fed in or returned, with its dispose spy. */
    disposeSpies: [] as ReturnType<typeof vi.fn>[],
  };
  const spyDispose = (t: ort.Tensor) => {
    const original = t.dispose.bind(t);
    const spy = vi.fn(original);
    t.dispose = spy;
    watch.disposeSpies.push(spy);
  };
  const wrap = (real: InferenceSession): InferenceSession =>
    new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'run') {
          return async (feeds: Record<string, ort.Tensor>) => {
            watch.runs++;
            watch.inFlight++;
            watch.maxInFlight = Math.max(watch.maxInFlight, watch.inFlight);
            watch.onRunStart();
            try {
              Object.values(feeds).forEach(spyDispose);
              await new Promise((r) => setTimeout(r, 5));
              const results = await target.run(feeds);
              Object.values(results).forEach(spyDispose);
              return results;
            } finally {
              watch.inFlight--;
            }
          };
        }
        if (prop === 'release') {
          return async () => {
            watch.released = true;
            watch.runningWhenReleased = watch.inFlight;
            await target.release();
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(target)
          : value;
      },
    });
  const fakeOrt = {
    ...ort,
    InferenceSession: {
      create: async (b: Uint8Array, options: InferenceSession.SessionOptions) =>
        wrap(await ort.InferenceSession.create(b, options)),
    },
  } as unknown as Ort;
  return { fakeOrt, watch };
}

describe('ModelSession', () => {
  const sessions: ModelSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.dispose()));
  });

  async function open() {
    const { fakeOrt, watch } = instrumentedOrt();
    const session = await ModelSession.create(fakeOrt, bytes, 'wasm');
    sessions.push(session);
    return { session, watch };
  }

  it('runs on the requested backend and exposes the model names', async () => {
    const { session } = await open();
    expect(session.backend).toBe('wasm');
    expect(session.inputNames).toEqual(['image']);
    expect(session.outputNames).toEqual(OUTPUTS);
  });

  it('returns every output as a plain Float32Array with its dims', async () => {
    const { session } = await open();
    const out = await session.run(imageOf(7));
    expect(Object.keys(out)).toEqual(OUTPUTS);
    expect(out.conv1!.dims).toEqual([1, 8, 28, 28]);
    expect(out.conv1!.data).toBeInstanceOf(Float32Array);
    expect(out.conv1!.data).toHaveLength(8 * 28 * 28);
    expect(out.probabilities!.dims).toEqual([1, 10]);
    expect(argmax(out.probabilities!.data)).toBe(7);
  });

  it('never overlaps runs: 5 concurrent runs give the same numbers as 5 sequential ones', async () => {
    const { session, watch } = await open();
    const digits = [3, 1, 4, 1, 5];
    const sequential: NamedTensors[] = [];
    for (const d of digits) sequential.push(await session.run(imageOf(d)));
    expect(watch.maxInFlight).toBe(1);

    const concurrent = await Promise.all(digits.map((d) => session.run(imageOf(d))));
    // The queue held each run back until the previous one finished.
    expect(watch.maxInFlight).toBe(1);
    expect(watch.runs).toBe(10);
    // Exact equality (tolerance 0): same single-threaded WASM kernels on the same inputs are
    // deterministic, so a result attached to the wrong request or corrupted by an overlapping
    // run would show up as a difference.
    concurrent.forEach((out, i) => {
      for (const name of OUTPUTS) {
        const expected = sequential[i]![name]!.data;
        expect(out[name]!.data, `run ${i}, ${name}`).toHaveLength(expected.length);
        expect(maxAbsDiff(out[name]!.data, expected), `run ${i}, ${name}`).toBe(0);
      }
      expect(argmax(out.probabilities!.data)).toBe(digits[i]);
    });
  });

  it('disposes every ORT tensor it creates or receives', async () => {
    const { session, watch } = await open();
    await Promise.all([session.run(imageOf(0)), session.run(imageOf(1))]);
    // Per run: 1 input + 8 outputs.
    expect(watch.disposeSpies).toHaveLength(2 * (1 + OUTPUTS.length));
    expect(watch.disposeSpies.every((spy) => spy.mock.calls.length === 1)).toBe(true);
  });

  it('keeps serving after a failed run', async () => {
    const { session } = await open();
    const bad = session.run({ image: { data: new Float32Array(10), dims: [1, 1, 2, 5] } });
    const good = session.run(imageOf(2));
    await expect(bad).rejects.toThrow();
    expect(argmax((await good).probabilities!.data)).toBe(2);
  });

  it('rejects runs after dispose, and dispose is idempotent', async () => {
    const { session, watch } = await open();
    await session.dispose();
    expect(watch.released).toBe(true);
    await expect(session.run(imageOf(0))).rejects.toThrow(/disposed/);
    expect(watch.runs).toBe(0);
    await session.dispose();
  });

  it('releases the session only after the run in flight has finished', async () => {
    const { session, watch } = await open();
    const started = new Promise<void>((resolve) => (watch.onRunStart = resolve));
    const running = session.run(imageOf(9));
    // Dispose while the run is inside ORT (held there for 5 ms).
    await started;
    expect(watch.inFlight).toBe(1);
    await session.dispose();
    expect(watch.released).toBe(true);
    expect(watch.runningWhenReleased).toBe(0);
    expect(argmax((await running).probabilities!.data)).toBe(9);
  });
});
