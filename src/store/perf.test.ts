import { beforeEach, describe, expect, it } from 'vitest';
import {
  median,
  perfSnapshot,
  recordLatency,
  reportTrainRate,
  resetPerf,
  setPerfEnabled,
  WINDOW,
} from './perf';

describe('perf', () => {
  beforeEach(() => resetPerf());

  it('takes the median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('keeps the last latency, the backend and the median of the last 50 runs', () => {
    for (let i = 1; i <= 100; i++) recordLatency(i, 'wasm');
    const s = perfSnapshot();
    expect(s.lastMs).toBe(100);
    expect(s.count).toBe(WINDOW);
    // The window holds 51..100: its median is 75.5.
    expect(s.p50Ms).toBe(75.5);
    expect(s.backend).toBe('wasm');
  });

  it('shows a training rate only while it is a number', () => {
    reportTrainRate(1234.5);
    expect(perfSnapshot().itersPerSecond).toBe(1234.5);
    reportTrainRate(NaN);
    expect(perfSnapshot().itersPerSecond).toBeNull();
  });

  it('is off by default and remembers when it is turned on', () => {
    expect(perfSnapshot().enabled).toBe(false);
    setPerfEnabled(true);
    expect(perfSnapshot().enabled).toBe(true);
    setPerfEnabled(false);
  });
});
