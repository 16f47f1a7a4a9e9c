/** The losses mode's part of the lesson definition: steps, embed result, hideable controls. */
import { basicLoss, type LossResult } from '../../../core/basicLoss';
import type { LossesConfig } from './config';

/** Names `?hide=` can give to hide parts of the losses view. */
export const LOSSES_HIDEABLE = ['loss-presets', 'loss-inputs'] as const;

/** The walk: each sample's term, their mean (the loss), ∂L/∂p, the loss as one p moves. */
export const LOSSES_STEPS = ['terms', 'mean', 'grad', 'curve'] as const;
export type LossesStep = (typeof LOSSES_STEPS)[number];

export function lossesStepCount(_config: LossesConfig): number {
  return LOSSES_STEPS.length;
}

/** The embed API's getResult: {loss, terms, grad}, PyTorch's numbers (means over samples). */
export function lossesResult(config: LossesConfig): Promise<LossResult> {
  return Promise.resolve(basicLoss(config.loss, config.target, config.prediction));
}
