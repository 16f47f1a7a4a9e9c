/** The playground mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { PlaygroundConfig } from './config';
import { liveResult, type PlaygroundResult } from './trainer';

/** Names `?hide=` can give to hide parts of the playground view. */
export const PLAYGROUND_HIDEABLE = [
  'playground-data',
  'playground-network',
  'playground-training',
  'playground-curves',
] as const;

/**
 * The stepper: 0 is the live training; 1–4 walk through one training step (the batch
 * forward, the loss, backward, the update).
 */
export const PLAYGROUND_STEPS = ['train', 'forward', 'loss', 'backward', 'update'] as const;
export type PlaygroundStep = (typeof PLAYGROUND_STEPS)[number];

export function playgroundStepCount(_config: PlaygroundConfig): number {
  return PLAYGROUND_STEPS.length;
}

/**
 * The embed API's getResult for this mode: the live trainer's
 * `{steps, trainLoss, testLoss, trainAccuracy, testAccuracy}` (accuracies null for regression).
 */
export function playgroundResult(_config: PlaygroundConfig): Promise<PlaygroundResult> {
  const r = liveResult();
  return r ? Promise.resolve(r) : Promise.reject(new Error('the playground is not training yet'));
}
