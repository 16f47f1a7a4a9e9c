/** The model view's part of the lesson definition: steps, embed result, hideable controls. */
import type { ModelConfig } from './config';

export const MODEL_HIDEABLE = [] as const;

export function modelStepCount(_config: ModelConfig): number {
  return 1;
}

export function modelResult(_config: ModelConfig): Promise<unknown> {
  return Promise.reject(new Error('the attention model view is not built yet'));
}
