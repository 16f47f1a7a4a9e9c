/** The activations mode's part of the lesson definition: steps, embed result, hideable controls. */
import { activationValues } from '../../../core/activation';
import type { ActivationsConfig } from './config';

/** Names `?hide=` can give to hide parts of the activations view. */
export const ACTIVATIONS_HIDEABLE = ['activations-inputs', 'activations-table'] as const;

/** The walk: the curve f(x), its slope f′(x), softmax with a temperature, slopes through depth. */
export const ACTIVATIONS_STEPS = ['curve', 'slope', 'softmax', 'depth'] as const;
export type ActivationsStep = (typeof ACTIVATIONS_STEPS)[number];

export function activationsStepCount(_config: ActivationsConfig): number {
  return ACTIVATIONS_STEPS.length;
}

/** The embed API's getResult: f and autograd's f′ at every x of `xs`. */
export function activationsResult(
  config: ActivationsConfig,
): Promise<{ values: number[]; derivatives: number[] }> {
  return Promise.resolve(activationValues(config.fn, config.xs, config.alpha));
}
