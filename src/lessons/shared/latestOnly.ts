/**
 * Wraps an async function so that, while one call runs, later calls wait and only the newest
 * of them runs next; superseded calls get the newest one's result. Drawing produces inputs
 * faster than a slow backend can answer, and only the latest drawing matters.
 */
export function latestOnly<A, R>(fn: (arg: A) => Promise<R>): (arg: A) => Promise<R> {
  let running: Promise<unknown> | null = null;
  let next: {
    arg: A;
    waiters: { resolve: (r: R) => void; reject: (e: unknown) => void }[];
  } | null = null;

  const start = (arg: A): Promise<R> => {
    let p: Promise<R>;
    try {
      p = fn(arg);
    } catch (e) {
      // A synchronous throw reaches the waiters like a rejection.
      p = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    running = p;
    const settle = () => {
      running = null;
      if (next) {
        const { arg: nextArg, waiters } = next;
        next = null;
        start(nextArg).then(
          (r) => waiters.forEach((w) => w.resolve(r)),
          (e: unknown) => waiters.forEach((w) => w.reject(e)),
        );
      }
    };
    p.then(settle, settle);
    return p;
  };

  return (arg: A) => {
    if (!running) return start(arg);
    return new Promise<R>((resolve, reject) => {
      if (next) next.arg = arg;
      else next = { arg, waiters: [] };
      next.waiters.push({ resolve, reject });
    });
  };
}
