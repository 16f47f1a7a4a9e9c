/** The train mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { TrainConfig } from './config';

export const TRAIN_HIDEABLE = [] as const;

export function trainStepCount(_config: TrainConfig): number {
  return 1;
}

export function trainResult(_config: TrainConfig): Promise<unknown> {
  return Promise.reject(new Error('the GAN train view is not built yet'));
}
