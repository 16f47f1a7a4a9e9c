import { z } from 'zod';
import { useAppStore } from '../../store/store';
import { modelConfigSchema, modelDefaults } from './model/config';
import { sandboxConfigSchema, sandboxDefaults } from './sandbox/config';

/** The attention lesson's config: a trained transformer (model) or your own Q, K, V (sandbox). */
export const attnConfigSchema = z.discriminatedUnion('mode', [
  modelConfigSchema,
  sandboxConfigSchema,
]);

export type AttnConfig = z.infer<typeof attnConfigSchema>;
export const attnDefaults: AttnConfig = modelDefaults;
export const attnModeDefaults = { model: modelDefaults, sandbox: sandboxDefaults } as const;

/** The lesson's config from the store (validated by the schema before it got there). */
export const useAttnConfig = () => useAppStore((s) => s.configs.attention as AttnConfig);
export const useAttnStep = () => useAppStore((s) => s.steps.attention);
