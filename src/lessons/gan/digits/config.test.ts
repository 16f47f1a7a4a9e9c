import { describe, expect, it } from 'vitest';
import { problemsOf } from '../../../store/lessonRegistry';
import { digitsConfigSchema, digitsDefaults } from './config';
import { digitsStepCount } from './lessonParts';
import { GRID_SIZE, gridLatents, interpolate, LATENT_DIM, oneHot, Z_LIMIT } from './latent';

const problems = (config: unknown) => {
  const r = digitsConfigSchema.safeParse(config);
  return r.success ? [] : problemsOf(r.error, 'config');
};

describe('digits config', () => {
  it('accepts its defaults and fills them in for a bare mode', () => {
    expect(digitsConfigSchema.parse(digitsDefaults)).toEqual(digitsDefaults);
    expect(digitsConfigSchema.parse({ mode: 'digits' })).toEqual(digitsDefaults);
    expect(digitsStepCount(digitsDefaults)).toBe(8);
  });

  it('names the bad field', () => {
    const z = [0, 0, 0, 9, 0, 0, 0, 0];
    expect(problems({ ...digitsDefaults, z })).toEqual([
      { field: 'config.z.3', message: `each z value is between -${Z_LIMIT} and ${Z_LIMIT}` },
    ]);
    expect(problems({ ...digitsDefaults, z: [0, 0] })[0]?.field).toBe('config.z');
    expect(problems({ ...digitsDefaults, label: 10 })[0]?.field).toBe('config.label');
    expect(problems({ ...digitsDefaults, steps: 1 })[0]?.field).toBe('config.steps');
    expect(problems({ ...digitsDefaults, seed: -1 })[0]?.field).toBe('config.seed');
    expect(
      problems({ ...digitsDefaults, from: { z: digitsDefaults.z, label: 'x' } })[0]?.field,
    ).toBe('config.from.label');
    expect(problems({ ...digitsDefaults, to: { ...digitsDefaults.to, z: [1, 2] } })[0]?.field).toBe(
      'config.to.z',
    );
    expect(problems({ ...digitsDefaults, zz: 1 })[0]?.message).toMatch(/zz/);
  });
});

describe('latent vectors', () => {
  it('draws the same grid for the same seed, a different one for another', () => {
    const a = gridLatents(1);
    expect(a).toHaveLength(GRID_SIZE);
    expect(a.every((z) => z.length === LATENT_DIM)).toBe(true);
    expect(gridLatents(1)).toEqual(a);
    expect(gridLatents(2)).not.toEqual(a);
    const all = a.flat();
    expect(all.every((v) => Math.abs(v) <= Z_LIMIT && Math.round(v * 1000) === v * 1000)).toBe(
      true,
    );
    // Drawn from N(0, 1): 96 values have a mean near 0 and a spread near 1.
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const sd = Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length);
    expect(Math.abs(mean)).toBeLessThan(0.35);
    expect(sd).toBeGreaterThan(0.7);
    expect(sd).toBeLessThan(1.3);
  });

  it('interpolates z and the label linearly, with the endpoints exact', () => {
    const from = { z: [1, -1, 0, 0, 0, 0, 0, 0.3], label: 3 };
    const to = { z: [0, 1, 0, 0, 0, 0, 2, 0.1], label: 8 };
    const strip = interpolate(from, to, 5);
    expect(strip.map((p) => p.t)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(strip[0]).toEqual({ t: 0, z: from.z, label: oneHot(3) });
    expect(strip[4]).toEqual({ t: 1, z: to.z, label: oneHot(8) });
    expect(strip[1]!.z[0]).toBeCloseTo(0.75, 12);
    expect(strip[2]!.z[6]).toBeCloseTo(1, 12);
    expect(strip[1]!.label[3]).toBeCloseTo(0.75, 12);
    expect(strip[1]!.label[8]).toBeCloseTo(0.25, 12);
    expect(strip.every((p) => Math.abs(p.label.reduce((a, b) => a + b, 0) - 1) < 1e-12)).toBe(true);
  });
});
