/** The sandbox's part of the lesson definition: steps, embed result, hideable controls. */
import type { SandboxConfig } from './config';

export const SANDBOX_HIDEABLE = [] as const;

export function sandboxStepCount(_config: SandboxConfig): number {
  return 1;
}

export function sandboxResult(_config: SandboxConfig): Promise<unknown> {
  return Promise.reject(new Error('the attention sandbox is not built yet'));
}
