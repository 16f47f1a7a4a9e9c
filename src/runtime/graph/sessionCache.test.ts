import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { ModelSession } from '../session';
import { convGraph, type ConvGraphSpec } from './conv';
import { SessionCache } from './sessionCache';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

/** A stand-in session that records when it is disposed. */
class Fake {
  disposed = 0;
  constructor(readonly key: string) {}
  dispose(): Promise<void> {
    this.disposed++;
    return Promise.resolve();
  }
}

function harness(capacity: number) {
  const cache = new SessionCache<Fake>(capacity);
  const made: Fake[] = [];
  const create = (key: string) => () => {
    const f = new Fake(key);
    made.push(f);
    return Promise.resolve(f);
  };
  const use = (key: string) => cache.use(key, create(key), (f) => Promise.resolve(f));
  return { cache, made, create, use };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SessionCache', () => {
  it('creates once per key and reuses it', async () => {
    const { cache, made, use } = harness(3);
    const a1 = await use('a');
    const a2 = await use('a');
    expect(a1).toBe(a2);
    expect(made).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it('shares one creation between concurrent callers', async () => {
    const { made, use } = harness(3);
    const [x, y] = await Promise.all([use('a'), use('a')]);
    expect(x).toBe(y);
    expect(made).toHaveLength(1);
  });

  it('evicts the least recently used and disposes it, exactly once', async () => {
    const { cache, made, use } = harness(2);
    await use('a');
    await use('b');
    await use('a'); // a is now more recent than b
    await use('c'); // evicts b
    await tick();
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(made.map((f) => [f.key, f.disposed])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 0],
    ]);
    await use('b'); // made anew; evicts a
    await tick();
    expect(cache.keys()).toEqual(['c', 'b']);
    expect(made.map((f) => [f.key, f.disposed])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 0],
      ['b', 0],
    ]);
  });

  it('never disposes a session while a caller is using it', async () => {
    const { cache, made, create, use } = harness(1);
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    let disposedDuringUse = -1;
    const running = cache.use('a', create('a'), async (f) => {
      await held;
      disposedDuringUse = f.disposed;
      return f.key;
    });
    await tick();
    await use('b'); // evicts a while it is held
    await tick();
    expect(cache.keys()).toEqual(['b']);
    expect(made[0]!.disposed).toBe(0);
    finish();
    expect(await running).toBe('a');
    expect(disposedDuringUse).toBe(0);
    await tick();
    expect(made[0]!.disposed).toBe(1);
  });

  it('does not cache a failed creation, and does not dispose what was never made', async () => {
    const { cache, use } = harness(2);
    const fail = () => Promise.reject(new Error('bad graph'));
    await expect(cache.use('x', fail, () => Promise.resolve(1))).rejects.toThrow('bad graph');
    await tick();
    expect(cache.keys()).toEqual([]);
    await use('a');
    expect(await cache.clear()).toBe(1);
  });

  it('keeps the session when the callback fails', async () => {
    const { cache, made } = harness(2);
    const c = () => Promise.resolve(new Fake('a'));
    await expect(
      cache.use('a', c, () => Promise.reject(new Error('run failed'))),
    ).rejects.toThrow();
    expect(cache.keys()).toEqual(['a']);
    expect(made).toHaveLength(0);
  });

  it('clear disposes everything, waiting for callers, and counts what it released', async () => {
    const { cache, made, create, use } = harness(8);
    await use('a');
    await use('b');
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    const running = cache.use('c', create('c'), () => held);
    await tick();
    let cleared: number | undefined;
    const clearing = cache.clear().then((n) => (cleared = n));
    await tick();
    expect(cache.size).toBe(0);
    expect(cleared).toBeUndefined(); // c is still held
    expect(made.map((f) => f.disposed)).toEqual([1, 1, 0]);
    finish();
    await running;
    await clearing;
    expect(cleared).toBe(3);
    expect(made.map((f) => f.disposed)).toEqual([1, 1, 1]);
  });

  it('rejects a capacity below 1', () => {
    expect(() => new SessionCache(0)).toThrow(RangeError);
  });
});

describe('SessionCache with real ORT sessions', () => {
  it('runs sandbox graphs, evicts and releases their sessions', async () => {
    const cache = new SessionCache<ModelSession>(2);
    const released: string[] = [];
    const spec = (height: number): ConvGraphSpec => ({
      inChannels: 1,
      outChannels: 1,
      height,
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
    });
    const sessions: ModelSession[] = [];
    const run = async (height: number) => {
      const g = convGraph(spec(height));
      const create = async () => {
        const s = await ModelSession.create(ort, g.bytes, 'wasm');
        const dispose = s.dispose.bind(s);
        s.dispose = async () => {
          released.push(g.key);
          await dispose();
        };
        sessions.push(s);
        return s;
      };
      const x = Float32Array.from({ length: height * 3 }, (_, i) => i + 1);
      const kernel = Float32Array.from([0, 1, 0, 2, 0, 3, 0, 4, 0]);
      return cache.use(g.key, create, (s) =>
        s.run({
          x: { data: x, dims: [1, 1, height, 3] },
          w: { data: kernel, dims: [1, 1, 3, 3] },
          b: { data: Float32Array.of(0), dims: [1] },
        }),
      );
    };
    // Height 3 is the article's example (60); height 4 adds a second window one row down.
    expect(Array.from((await run(3)).conv!.data)).toEqual([60]);
    // Rows 2–4 of 1..12: 1·5 + 2·7 + 3·9 + 4·11 = 90.
    expect(Array.from((await run(4)).conv!.data)).toEqual([60, 90]);
    await run(5);
    expect(released).toEqual([convGraph(spec(3)).key]);
    await expect(sessions[0]!.run({})).rejects.toThrow(/disposed/);
    expect(await cache.clear()).toBe(2);
    expect(released).toHaveLength(3);
  });
});
