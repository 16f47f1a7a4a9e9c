/**
 * The worker's sessions for built graphs, least recently used first out. A sandbox makes a
 * new graph whenever its shapes change, so without a bound every slider drag would leave a
 * session (and, on WebGPU, its buffers and pipelines) behind; with it, going back and forth
 * between a few settings still reuses their sessions.
 *
 * A session is never disposed under a run: `use` holds it while its callback runs, and an
 * eviction waits for those holders before disposing.
 */

export interface Disposable {
  dispose(): Promise<void>;
}

interface Entry<V> {
  value: Promise<V>;
  /** Callers of `use` holding the value now. */
  users: number;
  /** Set on eviction: resolves true once the value is disposed (false if it never existed). */
  disposed?: Promise<boolean>;
  /** Set on eviction while in use: called when the last user lets go. */
  drained?: () => void;
}

export class SessionCache<V extends Disposable> {
  /** Insertion order is recency order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry<V>>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`a session cache needs a capacity of at least 1, got ${capacity}`);
  }

  /** Keys from least to most recently used. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Runs `fn` with the value for `key`, made by `create` if there is none (concurrent callers
   * share one creation). A failed creation is not cached: the next call tries again.
   */
  async use<T>(key: string, create: () => Promise<V>, fn: (value: V) => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      const created: Entry<V> = { value: create(), users: 0 };
      entry = created;
      this.entries.set(key, created);
      created.value.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
      this.evictOverflow();
    }
    entry.users++;
    try {
      return await fn(await entry.value);
    } finally {
      entry.users--;
      if (entry.users === 0) entry.drained?.();
    }
  }

  private evictOverflow(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(key);
      void this.evict(entry);
    }
  }

  /** Disposes an entry's value once nobody holds it. Never rejects. */
  private evict(entry: Entry<V>): Promise<boolean> {
    if (!entry.disposed) {
      const drained =
        entry.users === 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => (entry.drained = resolve));
      entry.disposed = drained
        .then(() => entry.value)
        .then(
          (v) => v.dispose().then(() => true),
          () => false, // creation failed: nothing to dispose
        )
        .catch(() => false);
    }
    return entry.disposed;
  }

  /**
   * Empties the cache, disposing every value after its current users finish. Resolves with
   * the number of values disposed.
   */
  async clear(): Promise<number> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    const results = await Promise.all(entries.map((e) => this.evict(e)));
    return results.filter(Boolean).length;
  }
}
