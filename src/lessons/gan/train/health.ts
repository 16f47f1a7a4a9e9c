/**
 * Has training died? Learning rates far too high can leave both networks dead without any
 * NaN: the generator's points all on one spot (collapsed) or flung off the plane (escaped),
 * and D answering 0.5 everywhere. The view says so, with what to try (pure, unit-tested).
 */
import { PLANE } from '../../../core/ganData';

export interface TrainingHealth {
  /** The fakes' spread: root-mean-square distance from their mean, in plane units. */
  spread: number;
  /** The share of fakes outside the plane (or not finite). */
  outside: number;
  /** D's output over the plane: its largest distance from 0.5. */
  dRange: number;
  collapsed: boolean;
  escaped: boolean;
  /** D says ≈ 0.5 everywhere: it no longer tells anything apart. */
  dStuck: boolean;
}

/** Below this spread (1 % of the plane's width) the generator's points sit on one spot. */
export const COLLAPSED_SPREAD = 0.02;
/** Half or more of the fakes off the plane: the generator has escaped. */
export const ESCAPED_SHARE = 0.5;
/** D within 0.5 ± this everywhere on the plane. */
export const STUCK_RANGE = 0.02;
/** Judged only after this many G steps (fresh networks may start bunched up). */
export const HEALTH_AFTER = 20;

export function trainingHealth(
  fake: ArrayLike<number>,
  grid: ArrayLike<number>,
  bounds: { min: number; max: number } = PLANE,
): TrainingHealth {
  let n = 0;
  let out = 0;
  let sx = 0;
  let sy = 0;
  const total = Math.floor(fake.length / 2);
  for (let i = 0; i < total; i++) {
    const x = fake[2 * i]!;
    const y = fake[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      out++;
      continue;
    }
    if (x < bounds.min || x > bounds.max || y < bounds.min || y > bounds.max) out++;
    sx += x;
    sy += y;
    n++;
  }
  let ss = 0;
  if (n > 0) {
    const [mx, my] = [sx / n, sy / n];
    for (let i = 0; i < total; i++) {
      const x = fake[2 * i]!;
      const y = fake[2 * i + 1]!;
      if (Number.isFinite(x) && Number.isFinite(y)) ss += (x - mx) ** 2 + (y - my) ** 2;
    }
  }
  const spread = n > 0 ? Math.sqrt(ss / n) : 0;
  let dRange = 0;
  for (let i = 0; i < grid.length; i++) dRange = Math.max(dRange, Math.abs(grid[i]! - 0.5));
  const outside = total > 0 ? out / total : 0;
  return {
    spread,
    outside,
    dRange,
    collapsed: spread < COLLAPSED_SPREAD,
    escaped: outside >= ESCAPED_SHARE,
    dStuck: grid.length > 0 && dRange < STUCK_RANGE,
  };
}

/** What the notice says: null while training is alive. */
export function healthProblem(h: TrainingHealth, stepsG: number): 'collapsed' | 'escaped' | null {
  if (stepsG < HEALTH_AFTER) return null;
  if (h.escaped) return 'escaped';
  if (h.collapsed) return 'collapsed';
  return null;
}
