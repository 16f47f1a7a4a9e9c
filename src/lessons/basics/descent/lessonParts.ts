/** The descent mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { DescentConfig } from './config';

/** Names `?hide=` can give to hide parts of the descent view. */
export const DESCENT_HIDEABLE = [] as const;

export function descentStepCount(_config: DescentConfig): number {
  return 1;
}

/** The embed API's getResult for this mode. */
export function descentResult(_config: DescentConfig): Promise<unknown> {
  return Promise.reject(new Error('the descent view is not built yet'));
}
