/**
 * What the performance panel shows, kept outside the main store because it changes on every
 * inference and every training frame: the latency of each inference in the worker (the last
 * one, and the median over the last {@link WINDOW}), the backend that ran it, and the GAN
 * playground's iterations per second while it trains. Whether the panel is shown is a
 * setting kept in localStorage (off by default).
 */
import { useSyncExternalStore } from 'react';
import type { BackendName } from '../runtime/backend';

/** How many recent inferences the median covers. */
export const WINDOW = 50;
const KEY = 'glassbox.perfPanel';

export interface PerfSnapshot {
  enabled: boolean;
  /** Latency of the last inference, ms (null before the first). */
  lastMs: number | null;
  /** Median latency over the last {@link WINDOW} inferences, ms. */
  p50Ms: number | null;
  /** Inferences in the window. */
  count: number;
  backend: BackendName | null;
  /** GAN training throughput while the play loop runs; null otherwise. */
  itersPerSecond: number | null;
}

/** The median of a non-empty list (the mean of the two middle values for an even length). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function readEnabled(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === '1';
  } catch {
    return false; // storage blocked (private mode, sandboxed iframe)
  }
}

let recent: number[] = [];
let snapshot: PerfSnapshot = {
  enabled: readEnabled(),
  lastMs: null,
  p50Ms: null,
  count: 0,
  backend: null,
  itersPerSecond: null,
};
const listeners = new Set<() => void>();

function update(patch: Partial<PerfSnapshot>): void {
  snapshot = { ...snapshot, ...patch };
  for (const l of listeners) l();
}

export const subscribePerf = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const perfSnapshot = (): PerfSnapshot => snapshot;

/** The panel's numbers, re-rendering on each change. */
export const usePerf = (): PerfSnapshot => useSyncExternalStore(subscribePerf, perfSnapshot);

/** Whether the panel is on (re-renders only when that changes). */
export const usePerfEnabled = (): boolean =>
  useSyncExternalStore(subscribePerf, () => snapshot.enabled);

/** Shows or hides the panel, and remembers the choice. */
export function setPerfEnabled(enabled: boolean): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(KEY, enabled ? '1' : '0');
  } catch {
    // not remembered; still applies to this visit
  }
  update({ enabled });
}

/** One inference finished in the worker after `ms` on `backend`. */
export function recordLatency(ms: number, backend: BackendName): void {
  if (!Number.isFinite(ms)) return;
  recent = [...recent.slice(-(WINDOW - 1)), ms];
  update({ lastMs: ms, p50Ms: median(recent), count: recent.length, backend });
}

/** The GAN playground's throughput (NaN or null while it is not training). */
export function reportTrainRate(itersPerSecond: number | null): void {
  const v = itersPerSecond !== null && Number.isFinite(itersPerSecond) ? itersPerSecond : null;
  if (v !== snapshot.itersPerSecond) update({ itersPerSecond: v });
}

/** Forgets the measurements (tests). */
export function resetPerf(): void {
  recent = [];
  update({ lastMs: null, p50Ms: null, count: 0, backend: null, itersPerSecond: null });
}
