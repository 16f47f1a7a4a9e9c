/** The model view's part of the lesson definition: steps, embed result, hideable controls. */
import type { ModelConfig } from './config';
import { modelViewResult } from './run';
import { MODEL_STEPS } from './steps';

/** Controls `?hide=` may hide in the model view. */
export const MODEL_HIDEABLE = [
  'model-picker',
  'model-text',
  'model-tokens',
  'model-steps',
  'model-heads',
  'model-next',
] as const;

/** One step per stage of the forward pass, from the tokens to the next token (item 1). */
export function modelStepCount(_config: ModelConfig): number {
  return MODEL_STEPS.length;
}

/**
 * Embed getResult: `{tokens, layer, head, weights: n×n of the selected head, next: top-10
 * {token, id, probability} after temperature, top-k and top-p}`.
 */
export function modelResult(config: ModelConfig): Promise<unknown> {
  return modelViewResult(config);
}
