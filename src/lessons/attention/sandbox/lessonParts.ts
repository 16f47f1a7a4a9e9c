/** The sandbox's part of the lesson definition: steps, embed result, hideable controls. */
import type { SandboxConfig } from './config';

export { sandboxResult } from './result';

/** Names `?hide=` can give to hide parts of the attention sandbox. */
export const SANDBOX_HIDEABLE = [
  'sandbox-presets',
  'sandbox-editors',
  'sandbox-params',
  'sandbox-steps',
  'sandbox-breakdown',
] as const;

/** The steps of the computation, in order; `concat` only with more than one head. */
export const SANDBOX_STEPS = ['scores', 'scaled', 'masked', 'weights', 'output', 'concat'] as const;
export type SandboxStep = (typeof SANDBOX_STEPS)[number];

/** scores → scaled → masked → weights → output (→ concat when heads > 1). */
export function sandboxStepCount(config: SandboxConfig): number {
  return config.heads > 1 ? 6 : 5;
}
