/** The activations mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { ActivationsConfig } from './config';

/** Names `?hide=` can give to hide parts of the activations view. */
export const ACTIVATIONS_HIDEABLE = [] as const;

export function activationsStepCount(_config: ActivationsConfig): number {
  return 1;
}

/** The embed API's getResult for this mode. */
export function activationsResult(_config: ActivationsConfig): Promise<unknown> {
  return Promise.reject(new Error('the activations view is not built yet'));
}
