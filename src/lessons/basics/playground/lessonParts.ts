/** The playground mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { PlaygroundConfig } from './config';

/** Names `?hide=` can give to hide parts of the playground view. */
export const PLAYGROUND_HIDEABLE = [] as const;

export function playgroundStepCount(_config: PlaygroundConfig): number {
  return 1;
}

/** The embed API's getResult for this mode. */
export function playgroundResult(_config: PlaygroundConfig): Promise<unknown> {
  return Promise.reject(new Error('the playground view is not built yet'));
}
