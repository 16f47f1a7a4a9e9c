/** The backprop mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { BackpropConfig } from './config';

/** Names `?hide=` can give to hide parts of the backprop view. */
export const BACKPROP_HIDEABLE = [] as const;

export function backpropStepCount(_config: BackpropConfig): number {
  return 1;
}

/** The embed API's getResult for this mode. */
export function backpropResult(_config: BackpropConfig): Promise<unknown> {
  return Promise.reject(new Error('the backprop view is not built yet'));
}
