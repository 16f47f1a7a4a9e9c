/**
 * Starting points for the losses view: a widely copied example (whose printed L_D is wrong) and
 * typical moments of training.
 */
import { seededRandom } from '../../../core/random';

export const LOSS_PRESETS = ['copied', 'early', 'balanced', 'fooled', 'batch'] as const;
export type LossPreset = (typeof LOSS_PRESETS)[number];

/** Eight values with 2 decimals in [lo, hi], seeded so the preset is the same everywhere. */
function batchOf(seed: number, lo: number, hi: number): number[] {
  const u = seededRandom(seed);
  return Array.from({ length: 8 }, () => Math.round((lo + (hi - lo) * u()) * 100) / 100);
}

/** The discriminator outputs of a preset. */
export function lossPreset(name: LossPreset): { dReal: number[]; dFake: number[] } {
  switch (name) {
    case 'copied':
      return { dReal: [0.9], dFake: [0.1] };
    case 'early':
      return { dReal: [0.97, 0.95, 0.99, 0.93], dFake: [0.02, 0.05, 0.01, 0.03] };
    case 'balanced':
      return { dReal: [0.5, 0.5], dFake: [0.5, 0.5] };
    case 'fooled':
      return { dReal: [0.6, 0.55, 0.7], dFake: [0.9, 0.85, 0.8] };
    case 'batch':
      return { dReal: batchOf(5, 0.55, 0.98), dFake: batchOf(6, 0.02, 0.6) };
  }
}

/** Which preset a config's values are, if any. */
export function matchLossPreset(dReal: readonly number[], dFake: readonly number[]) {
  const same = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((v, i) => v === b[i]);
  return (
    LOSS_PRESETS.find((p) => {
      const v = lossPreset(p);
      return same(v.dReal, dReal) && same(v.dFake, dFake);
    }) ?? null
  );
}
