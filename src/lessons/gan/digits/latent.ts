/**
 * Latent vectors for the digits view: the seeded grid, and the interpolation strip. Pure
 * functions of the config, so a link reproduces exactly the same samples.
 */
import { mixSeed, seededNormal, seededRandom } from '../../../core/random';

/** Size of the generator's latent vector z (models/mnist_gan_g.json). */
export const LATENT_DIM = 8;
/** Digits the conditional generator knows: its label input is one-hot over 0–9. */
export const GAN_CLASSES = 10;
/** Slider and config limits for each z value: ±3 standard deviations of the N(0, 1) prior. */
export const Z_LIMIT = 3;
/** Samples in the grid. */
export const GRID_SIZE = 12;
export const STRIP_MIN = 2;
export const STRIP_MAX = 16;

/** Rounds to 3 decimals: plenty for a slider, and links stay short. */
const round3 = (v: number) => Math.round(v * 1000) / 1000;
const clampZ = (v: number) => Math.min(Z_LIMIT, Math.max(-Z_LIMIT, v));

/**
 * The grid's latent vectors for a seed: sample i draws LATENT_DIM N(0, 1) values from its own
 * stream (mixSeed(seed, i)), rounded to 3 decimals and clipped to ±Z_LIMIT.
 * @returns GRID_SIZE vectors of LATENT_DIM numbers
 */
export function gridLatents(seed: number): number[][] {
  return Array.from({ length: GRID_SIZE }, (_, i) => {
    const normal = seededNormal(seededRandom(mixSeed(seed, i)));
    return Array.from({ length: LATENT_DIM }, () => round3(clampZ(normal())) + 0);
  });
}

/** The one-hot label vector of a digit. */
export function oneHot(label: number): number[] {
  return Array.from({ length: GAN_CLASSES }, (_, c) => (c === label ? 1 : 0));
}

export interface StripPoint {
  /** Position along the strip, 0 at `from`, 1 at `to`. */
  t: number;
  z: number[];
  /** Label input: (1 − t)·onehot(from) + t·onehot(to), so the digit itself can morph. */
  label: number[];
}

/**
 * Linear interpolation between two (z, label) points: t_k = k / (n − 1), k = 0 … n − 1.
 * The ends are exactly the endpoints (t = 0 and t = 1 give their z and one-hot label).
 */
export function interpolate(
  from: { z: readonly number[]; label: number },
  to: { z: readonly number[]; label: number },
  n: number,
): StripPoint[] {
  const a = oneHot(from.label);
  const b = oneHot(to.label);
  return Array.from({ length: n }, (_, k) => {
    const t = n === 1 ? 0 : k / (n - 1);
    const mix = (x: number, y: number) => (k === 0 ? x : k === n - 1 ? y : (1 - t) * x + t * y);
    return { t, z: from.z.map((v, i) => mix(v, to.z[i]!)), label: a.map((v, i) => mix(v, b[i]!)) };
  });
}

/** Whether two latent vectors are the same (the grid sample a selection came from). */
export function sameLatent(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
