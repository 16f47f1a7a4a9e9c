/** The losses mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { LossesConfig } from './config';

export const LOSSES_HIDEABLE = [] as const;

export function lossesStepCount(_config: LossesConfig): number {
  return 1;
}

export function lossesResult(_config: LossesConfig): Promise<unknown> {
  return Promise.reject(new Error('the GAN losses view is not built yet'));
}
