/**
 * What the loss-surface figure draws, computed from core/descent: the window of (w, b) it
 * shows, J sampled over it, and the contour lines. Pure (no React): the figure only draws it.
 */
import { contourSegments, type Segment } from '../../../core/contour';
import { bestLine, lineLoss, lossGrid, type DescentRun } from '../../../core/descent';
import type { DescentConfig } from './config';

/** Samples per side of the grid J is drawn from. */
export const GRID = 72;
/** Contour levels drawn. */
const LEVELS = 12;
/** Path points with J beyond this many times the start's stay out of the window's bounds. */
const FAR = 60;

export interface Surface {
  w: [number, number];
  b: [number, number];
  /** J at the grid's cell centres, [GRID·GRID], row 0 at the top (largest b). */
  values: Float64Array;
  range: [number, number];
  /** Contour segments in (w, b). */
  contours: Segment[];
  /** The least-squares line (null when every x is equal). */
  best: [number, number] | null;
}

/** A window around θ₀, the best fit and the path up to `last` (far-out divergent points aside). */
export function surfaceOf(config: DescentConfig, run: DescentRun, last: number): Surface {
  const best = bestLine(config.x, config.y);
  const j0 = run.losses[0]!;
  const jBest = best ? lineLoss(config.x, config.y, best, config.objective) : 0;
  const cap = jBest + FAR * Math.max(j0 - jBest, 1e-9);
  const pts: [number, number][] = [run.thetas[0]!];
  if (best) pts.push(best);
  for (let k = 1; k <= last; k++) {
    const t = run.thetas[k]!;
    if (Number.isFinite(t[0]) && Number.isFinite(t[1]) && run.losses[k]! <= cap) pts.push(t);
  }
  const span = (i: 0 | 1): [number, number] => {
    const lo = Math.min(...pts.map((p) => p[i]));
    const hi = Math.max(...pts.map((p) => p[i]));
    const pad = Math.max((hi - lo) * 0.15, 0.5);
    return [lo - pad, hi + pad];
  };
  const w = span(0);
  const b = span(1);
  const values = lossGrid(config.x, config.y, config.objective, w, b, GRID, GRID);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // Levels closer together near the bottom: J is quadratic, so (i/L)² spaces them evenly.
  const contours: Segment[] = [];
  for (let i = 1; i < LEVELS; i++) {
    const level = lo + (hi - lo) * (i / LEVELS) ** 2;
    for (const [c0, r0, c1, r1] of contourSegments(values, GRID, GRID, level)) {
      contours.push([toW(w, c0), toB(b, r0), toW(w, c1), toB(b, r1)]);
    }
  }
  return { w, b, values, range: [lo, hi], contours, best };
}

/** Grid coordinates (samples at cell centres) to w and b. */
const toW = (w: readonly [number, number], c: number) => w[0] + ((c + 0.5) / GRID) * (w[1] - w[0]);
const toB = (b: readonly [number, number], r: number) => b[1] - ((r + 0.5) / GRID) * (b[1] - b[0]);

/** The window of the data plot: the points with a margin (the line is clipped to it). */
export function dataWindow(config: { x: readonly number[]; y: readonly number[] }): {
  x: [number, number];
  y: [number, number];
} {
  const span = (v: readonly number[]): [number, number] => {
    const lo = Math.min(...v, 0);
    const hi = Math.max(...v, 0);
    const pad = Math.max((hi - lo) * 0.15, 1);
    return [lo - pad, hi + pad];
  };
  return { x: span(config.x), y: span(config.y) };
}
