/** The digits mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { DigitsConfig } from './config';

export const DIGITS_HIDEABLE = [] as const;

export function digitsStepCount(_config: DigitsConfig): number {
  return 1;
}

export function digitsResult(_config: DigitsConfig): Promise<unknown> {
  return Promise.reject(new Error('the GAN digits view is not built yet'));
}
