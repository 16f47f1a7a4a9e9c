import { z } from 'zod';
import { useAppStore } from '../../store/store';
import { activationsConfigSchema, activationsDefaults } from './activations/config';
import { backpropConfigSchema, backpropDefaults } from './backprop/config';
import { descentConfigSchema, descentDefaults } from './descent/config';
import { lossesConfigSchema, lossesDefaults } from './losses/config';
import { playgroundConfigSchema, playgroundDefaults } from './playground/config';

/** The Basics lesson's config: one of its five modes, each with its own fields. */
export const basicsConfigSchema = z.discriminatedUnion('mode', [
  activationsConfigSchema,
  lossesConfigSchema,
  descentConfigSchema,
  backpropConfigSchema,
  playgroundConfigSchema,
]);

export type BasicsConfig = z.infer<typeof basicsConfigSchema>;
export type BasicsMode = BasicsConfig['mode'];
export const BASICS_MODES = [
  'activations',
  'losses',
  'descent',
  'backprop',
  'playground',
] as const satisfies readonly BasicsMode[];

export const basicsDefaults: BasicsConfig = activationsDefaults;
export const basicsModeDefaults = {
  activations: activationsDefaults,
  losses: lossesDefaults,
  descent: descentDefaults,
  backprop: backpropDefaults,
  playground: playgroundDefaults,
} as const;

/** The lesson's config from the store (validated by the schema before it got there). */
export const useBasicsConfig = () => useAppStore((s) => s.configs.basics as BasicsConfig);
export const useBasicsStep = () => useAppStore((s) => s.steps.basics);
/** This mode's config (the view is only mounted while its mode is current). */
export function useBasicsModeConfig<M extends BasicsMode>(
  _mode: M,
): Extract<BasicsConfig, { mode: M }> {
  return useBasicsConfig() as Extract<BasicsConfig, { mode: M }>;
}
