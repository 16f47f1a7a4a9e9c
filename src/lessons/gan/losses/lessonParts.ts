/** The losses mode's part of the lesson definition: steps, embed result, hideable controls. */
import { ganLosses } from '../../../core/ganLoss';
import type { LossesConfig } from './config';

/** Names `?hide=` can give to hide parts of the losses view. */
export const LOSSES_HIDEABLE = [
  'losses-presets',
  'losses-inputs',
  'losses-compare',
  'losses-curves',
] as const;

/**
 * The walk through the losses, one step each: D's terms on real samples, D's terms on
 * fakes, L_D, G's loss, G's gradient (the curves).
 */
export const LOSSES_STEPS = ['dReal', 'dFake', 'lossD', 'lossG', 'gradient'] as const;
export type LossesStep = (typeof LOSSES_STEPS)[number];

export function lossesStepCount(_config: LossesConfig): number {
  return LOSSES_STEPS.length;
}

/** The embed API's getResult: {lossD, lossG}, means over the batch (±Infinity at 0 or 1). */
export function lossesResult(config: LossesConfig): Promise<{ lossD: number; lossG: number }> {
  try {
    return Promise.resolve(ganLosses(config.dReal, config.dFake, config.loss));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
