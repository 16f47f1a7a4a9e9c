import { describe, expect, it } from 'vitest';
import { formatTick } from '../../../viz/format';
import { healthProblem, trainingHealth } from './health';

const grid = (v: number) => new Float32Array(16).fill(v);
const spreadOut = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 1.7) * 0.6);

describe('trainingHealth', () => {
  it('a spread generator on the plane is healthy', () => {
    const h = trainingHealth(spreadOut, grid(0.3));
    expect(h.collapsed || h.escaped || h.dStuck).toBe(false);
    expect(healthProblem(h, 500)).toBeNull();
  });
  it('all fakes on one spot: collapsed; D at 0.5 everywhere: stuck', () => {
    const fake = new Float32Array(64).fill(0.25);
    const h = trainingHealth(fake, grid(0.5));
    expect(h.spread).toBe(0);
    expect(h.collapsed).toBe(true);
    expect(h.dStuck).toBe(true);
    expect(healthProblem(h, 500)).toBe('collapsed');
    // Not judged on fresh networks.
    expect(healthProblem(h, 3)).toBeNull();
  });
  it('fakes far off the plane (or not finite): escaped', () => {
    const fake = Float32Array.from(spreadOut, (v, i) => (i % 4 === 0 ? v : v * 40 + 5));
    const h = trainingHealth(fake, grid(0.9));
    expect(h.outside).toBeGreaterThanOrEqual(0.5);
    expect(healthProblem(h, 100)).toBe('escaped');
    expect(trainingHealth(new Float32Array(8).fill(NaN), grid(0.5)).escaped).toBe(true);
  });
});

describe('formatTick (chart axes)', () => {
  it('reads 10k, 20k, 2.5M rather than 1.00e+4', () => {
    expect(formatTick(10000)).toBe('10k');
    expect(formatTick(20000)).toBe('20k');
    expect(formatTick(1500)).toBe('1.5k');
    expect(formatTick(2_500_000)).toBe('2.5M');
    expect(formatTick(500)).toBe('500');
    expect(formatTick(0.5)).toBe('0.5');
  });
});
