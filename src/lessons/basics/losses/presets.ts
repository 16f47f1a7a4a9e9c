/**
 * The losses view's presets: one example per loss, the first two the widely copied examples
 * with what they print beside what their data give.
 */
import type { LossesConfig } from './config';

export const LOSS_PRESETS = ['mse', 'bce', 'mae', 'cross_entropy'] as const;
export type LossPreset = (typeof LOSS_PRESETS)[number];

type Data = Pick<LossesConfig, 'loss' | 'target' | 'prediction'>;

export const PRESET_DATA: Record<LossPreset, Data> = {
  // A widely copied MSE example prints 0.06; its data give 0.016.
  mse: { loss: 'mse', target: [1, 0, 1, 1, 0], prediction: [0.9, 0.1, 0.8, 0.9, 0.1] },
  // A widely copied cross-entropy example prints 0.5607 (wrong logarithms); its own formula
  // −Σ t log p gives 0.3285; binary cross-entropy averaged over the five samples is 0.2027.
  bce: { loss: 'bce', target: [1, 0, 1, 0, 0], prediction: [0.9, 0.1, 0.8, 0.2, 0.3] },
  mae: { loss: 'mae', target: [3, -0.5, 2, 7], prediction: [2.5, 0, 2, 8] },
  cross_entropy: {
    loss: 'cross_entropy',
    target: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    prediction: [
      [0.7, 0.2, 0.1],
      [0.1, 0.8, 0.1],
      [0.3, 0.3, 0.4],
    ],
  },
};

/** What the copied example prints, and (bce) what its own formula gives. */
export const COPIED: Partial<Record<LossPreset, { printed: number; ownFormula?: number }>> = {
  mse: { printed: 0.06 },
  bce: { printed: 0.5607, ownFormula: 0.3285 },
};

/** The preset the data are, if any. */
export function matchLossPreset(c: Data): LossPreset | null {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return (
    LOSS_PRESETS.find((p) => {
      const d = PRESET_DATA[p];
      return d.loss === c.loss && same(d.target, c.target) && same(d.prediction, c.prediction);
    }) ?? null
  );
}
