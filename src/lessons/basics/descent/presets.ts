/** Ready-made runs of the descent view: the widely copied example and what goes wrong or better. */
import type { DescentConfig } from './config';
import { descentDefaults } from './config';

export const DESCENT_PRESETS = ['copied', 'diverges', 'momentum', 'adam'] as const;
export type DescentPreset = (typeof DESCENT_PRESETS)[number];

/** The fields a preset sets (the rest, e.g. β₂, keep their defaults). */
const PRESETS: Record<DescentPreset, DescentConfig> = {
  // ∇J(θ₀) = [−68, −15], θ₁ = [0.68, 0.15]: the copies write this gradient with 3 components.
  copied: descentDefaults,
  // α above 2/λ_max ≈ 0.0341: every step overshoots the valley further than the last.
  diverges: { ...descentDefaults, lr: 0.04, steps: 30 },
  momentum: { ...descentDefaults, lr: 0.005, steps: 40, optimizer: 'momentum' },
  adam: { ...descentDefaults, lr: 0.1, steps: 40, optimizer: 'adam' },
};

export function descentPreset(p: DescentPreset): DescentConfig {
  return PRESETS[p];
}

/** The preset a config is (all its fields equal), or null once it has been edited. */
export function matchDescentPreset(config: DescentConfig): DescentPreset | null {
  const same = (a: DescentConfig) =>
    (Object.keys(a) as (keyof DescentConfig)[]).every(
      (k) => JSON.stringify(a[k]) === JSON.stringify(config[k]),
    );
  return DESCENT_PRESETS.find((p) => same(PRESETS[p])) ?? null;
}

/** Whether the config fits the widely copied example's data and start (any α, optimizer). */
export function isCopiedExample(c: DescentConfig): boolean {
  const d = descentDefaults;
  return (
    JSON.stringify([c.x, c.y, c.theta, c.objective]) ===
    JSON.stringify([d.x, d.y, d.theta, d.objective])
  );
}
