/** The losses mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { LossesConfig } from './config';

/** Names `?hide=` can give to hide parts of the losses view. */
export const LOSSES_HIDEABLE = [] as const;

export function lossesStepCount(_config: LossesConfig): number {
  return 1;
}

/** The embed API's getResult for this mode. */
export function lossesResult(_config: LossesConfig): Promise<unknown> {
  return Promise.reject(new Error('the losses view is not built yet'));
}
