import { modelDefaults, sandboxDefaults, type ConvConfig } from './config';

// The last config of each mode this session, so switching modes never loses work.
const remembered = new Map<ConvConfig['mode'], ConvConfig>();

export function rememberMode(config: ConvConfig): void {
  remembered.set(config.mode, config);
}

/** The config to show when switching to a mode: the one left there, else its defaults. */
export function modeDefaults(mode: ConvConfig['mode']): ConvConfig {
  return remembered.get(mode) ?? (mode === 'model' ? modelDefaults : sandboxDefaults);
}
