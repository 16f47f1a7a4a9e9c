import { z } from 'zod';
import { useAppStore } from '../../store/store';
import { digitsConfigSchema, digitsDefaults } from './digits/config';
import { lossesConfigSchema, lossesDefaults } from './losses/config';
import { trainConfigSchema, trainDefaults } from './train/config';

/** The GAN lesson's config: train a 2-D GAN, the losses on their own, or the digits generator. */
export const ganConfigSchema = z.discriminatedUnion('mode', [
  trainConfigSchema,
  lossesConfigSchema,
  digitsConfigSchema,
]);

export type GanConfig = z.infer<typeof ganConfigSchema>;
export const ganDefaults: GanConfig = trainDefaults;
export const ganModeDefaults = {
  train: trainDefaults,
  losses: lossesDefaults,
  digits: digitsDefaults,
} as const;

/** The lesson's config from the store (validated by the schema before it got there). */
export const useGanConfig = () => useAppStore((s) => s.configs.gan as GanConfig);
export const useGanStep = () => useAppStore((s) => s.steps.gan);
