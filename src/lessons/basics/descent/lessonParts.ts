/** The descent mode's part of the lesson definition: steps, embed result, hideable controls. */
import { descend, type DescentRun } from '../../../core/descent';
import type { DescentConfig } from './config';

/** Names `?hide=` can give to hide parts of the descent view. */
export const DESCENT_HIDEABLE = [
  'descent-presets',
  'descent-points',
  'descent-settings',
  'descent-curve',
  'descent-table',
] as const;

/** The run of a config (configs are immutable: one run per config object). */
const runs = new WeakMap<DescentConfig, DescentRun>();
export function descentRun(config: DescentConfig): DescentRun {
  let run = runs.get(config);
  if (!run) {
    run = descend(config);
    runs.set(config, run);
  }
  return run;
}

/**
 * The last step the view walks to: every update, or the one where the numbers overflow to ∞ or
 * NaN (the view stops there, keeping the numbers up to it).
 */
export function descentLastStep(config: DescentConfig): number {
  return descentRun(config).overflowAt ?? config.steps;
}

/** Step 0 is the start θ₀; step k the k-th update. */
export function descentStepCount(config: DescentConfig): number {
  return descentLastStep(config) + 1;
}

/**
 * The embed API's getResult: `thetas` (steps + 1 rows [w, b], the start first), `losses` (J at
 * each row) and `grads` (steps rows: ∇J at each step's start), as PyTorch computes them (a run
 * that overflows goes on into ∞ and NaN, as torch.optim would).
 */
export function descentResult(
  config: DescentConfig,
): Promise<{ thetas: number[][]; losses: number[]; grads: number[][] }> {
  const { thetas, losses, grads } = descentRun(config);
  return Promise.resolve({
    thetas: thetas.map((t) => [...t]),
    losses: [...losses],
    grads: grads.map((g) => [...g]),
  });
}
