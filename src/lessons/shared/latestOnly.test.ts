import { describe, expect, it } from 'vitest';
import { latestOnly } from './latestOnly';

/** An async function whose calls stay pending until the test settles them, one by one. */
function controllable<A, R>() {
  const calls: { arg: A; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  const fn = (arg: A) =>
    new Promise<R>((resolve, reject) => {
      calls.push({ arg, resolve, reject });
    });
  return { fn, calls };
}

/** Lets every pending promise callback run. */
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

/** Records how a promise settled, without awaiting it. */
function track<T>(p: Promise<T>) {
  const state: { status: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = {
    status: 'pending',
  };
  p.then(
    (value) => Object.assign(state, { status: 'resolved', value }),
    (error: unknown) => Object.assign(state, { status: 'rejected', error }),
  );
  return state;
}

describe('latestOnly', () => {
  it('runs the first call immediately and passes its result through', async () => {
    const { fn, calls } = controllable<number, string>();
    const run = latestOnly(fn);
    const first = run(1);
    expect(calls.map((c) => c.arg)).toEqual([1]);
    calls[0]!.resolve('one');
    await expect(first).resolves.toBe('one');
  });

  it('collapses calls made while one runs: only the latest runs next, and its result goes to all of them', async () => {
    const { fn, calls } = controllable<number, string>();
    const run = latestOnly(fn);
    const first = track(run(1));
    const second = track(run(2));
    const third = track(run(3));
    const fourth = track(run(4));
    await flush();
    // While 1 runs, nothing else starts.
    expect(calls.map((c) => c.arg)).toEqual([1]);

    calls[0]!.resolve('r1');
    await flush();
    expect(first).toEqual({ status: 'resolved', value: 'r1' });
    // 2 and 3 were superseded by 4 before they could start.
    expect(calls.map((c) => c.arg)).toEqual([1, 4]);
    expect([second.status, third.status, fourth.status]).toEqual(['pending', 'pending', 'pending']);

    calls[1]!.resolve('r4');
    await flush();
    expect([second, third, fourth]).toEqual([
      { status: 'resolved', value: 'r4' },
      { status: 'resolved', value: 'r4' },
      { status: 'resolved', value: 'r4' },
    ]);
    expect(calls).toHaveLength(2);
  });

  it('starts afresh once idle', async () => {
    const { fn, calls } = controllable<number, number>();
    const run = latestOnly(fn);
    const a = run(1);
    calls[0]!.resolve(10);
    await a;
    await flush();
    const b = run(2);
    expect(calls.map((c) => c.arg)).toEqual([1, 2]);
    calls[1]!.resolve(20);
    await expect(b).resolves.toBe(20);
  });

  it('keeps collapsing calls made while the follow-up runs', async () => {
    const { fn, calls } = controllable<string, string>();
    const run = latestOnly(fn);
    const a = track(run('a'));
    const b = track(run('b'));
    calls[0]!.resolve('A');
    await flush();
    expect(calls.map((c) => c.arg)).toEqual(['a', 'b']);
    const c = track(run('c'));
    const d = track(run('d'));
    calls[1]!.resolve('B');
    await flush();
    expect([a.value, b.value]).toEqual(['A', 'B']);
    expect(calls.map((x) => x.arg)).toEqual(['a', 'b', 'd']);
    calls[2]!.resolve('D');
    await flush();
    expect([c.value, d.value]).toEqual(['D', 'D']);
  });

  it('propagates a rejection of the running call to its caller, and still runs the latest', async () => {
    const { fn, calls } = controllable<number, string>();
    const run = latestOnly(fn);
    const first = track(run(1));
    const second = track(run(2));
    const boom = new Error('first failed');
    calls[0]!.reject(boom);
    await flush();
    expect(first).toEqual({ status: 'rejected', error: boom });
    expect(calls.map((c) => c.arg)).toEqual([1, 2]);
    calls[1]!.resolve('r2');
    await flush();
    expect(second).toEqual({ status: 'resolved', value: 'r2' });
  });

  it('rejects every waiter when the latest call fails', async () => {
    const { fn, calls } = controllable<number, string>();
    const run = latestOnly(fn);
    const first = track(run(1));
    const waiters = [track(run(2)), track(run(3))];
    calls[0]!.resolve('r1');
    await flush();
    const boom = new Error('latest failed');
    calls[1]!.reject(boom);
    await flush();
    expect(first).toEqual({ status: 'resolved', value: 'r1' });
    expect(waiters).toEqual([
      { status: 'rejected', error: boom },
      { status: 'rejected', error: boom },
    ]);
  });
});
