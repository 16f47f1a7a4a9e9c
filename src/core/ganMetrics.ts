/**
 * How far the generated samples are from the real ones, as one number to plot over training.
 *
 * Sliced Wasserstein-1 distance: project both sets onto K fixed unit directions
 * θ_k = (cos φ_k, sin φ_k), φ_k = πk/K, and average the 1-D Wasserstein-1 distances
 *
 *   SW₁(A, B) = (1/K) Σ_k W₁(A·θ_k, B·θ_k),   W₁(a, b) = ∫₀¹ |F_a⁻¹(t) − F_b⁻¹(t)| dt
 *
 * where F⁻¹ is the empirical quantile function (for equal sizes: the mean |a₍ᵢ₎ − b₍ᵢ₎| of
 * the sorted projections).
 *
 * Why this one: it is in the plane's own units (moving every point by d moves it by about
 * (2/π)·|d|), so "0.05" means something on screen; unlike the JS or KL divergences it does
 * not saturate when the two sets do not overlap — the usual case early in training — so it
 * keeps falling as G gets closer; it needs no kernel bandwidth (energy/MMD do), works with
 * sets of different sizes, and costs O(K·n log n). The directions are fixed, not random, so
 * the same samples always give the same number and the curve over time has no sampling noise
 * from the metric itself.
 */
import type { Point } from './ganData';

/** Number of projection directions (evenly spaced over half a turn). */
export const SLICES = 32;

/** W₁ between two sorted 1-D samples (ascending; both non-empty). */
function w1Sorted(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [m, n] = [x.length, y.length];
  if (m === n) {
    let s = 0;
    for (let i = 0; i < m; i++) s += Math.abs(x[i]! - y[i]!);
    return s / m;
  }
  // Walk the merged quantile breakpoints i/m and j/n: on each piece both quantiles are constant.
  let i = 0;
  let j = 0;
  let t = 0;
  let s = 0;
  while (i < m && j < n) {
    const next = Math.min((i + 1) / m, (j + 1) / n);
    s += (next - t) * Math.abs(x[i]! - y[j]!);
    t = next;
    if ((i + 1) / m <= next) i++;
    if ((j + 1) / n <= next) j++;
  }
  return s;
}

/**
 * W₁ between two 1-D empirical distributions (each sample weighted 1/size).
 * @param a - [m] values; @param b - [n] values (both non-empty)
 */
export function wasserstein1d(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) throw new RangeError('both sets need at least one value');
  // Typed arrays sort numerically without a comparator (and several times faster).
  return w1Sorted(Float64Array.from(a).sort(), Float64Array.from(b).sort());
}

/** The K fixed directions θ_k = (cos πk/K, sin πk/K). */
function directions(slices: number): [number, number][] {
  return Array.from({ length: slices }, (_, k) => {
    const phi = (Math.PI * k) / slices;
    return [Math.cos(phi), Math.sin(phi)];
  });
}

/**
 * The sliced Wasserstein-1 distance to a fixed set `b`, as a function of the other set: `b`'s
 * projections are sorted once, so a training view that measures every frame against the same
 * real points only projects and sorts the new ones.
 * @param b - [n] points (non-empty)
 * @param slices - number of directions K (default SLICES)
 */
export function slicedWassersteinTo(
  b: readonly Point[],
  slices = SLICES,
): (a: readonly Point[]) => number {
  const dirs = directions(slices);
  const sortedB = dirs.map(([c, d]) => Float64Array.from(b, ([x, y]) => x * c + y * d).sort());
  return (a) => {
    if (a.length === 0 || b.length === 0) throw new RangeError('both sets need at least one value');
    const buf = new Float64Array(a.length);
    let s = 0;
    dirs.forEach(([c, d], k) => {
      for (let i = 0; i < a.length; i++) buf[i] = a[i]![0] * c + a[i]![1] * d;
      s += w1Sorted(buf.sort(), sortedB[k]!);
    });
    return s / slices;
  };
}

/**
 * Sliced Wasserstein-1 distance between two sets of 2-D points (see the module comment).
 * @param a - [m] points; @param b - [n] points
 * @param slices - number of directions K (default SLICES)
 */
export function slicedWasserstein(
  a: readonly Point[],
  b: readonly Point[],
  slices = SLICES,
): number {
  return slicedWassersteinTo(b, slices)(a);
}
