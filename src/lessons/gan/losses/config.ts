import { z } from 'zod';

/** The GAN lesson's losses mode (skeleton — its owner defines the fields). */
export const lossesConfigSchema = z.object({ mode: z.literal('losses') }).strict();

export type LossesConfig = z.infer<typeof lossesConfigSchema>;

export const lossesDefaults: LossesConfig = { mode: 'losses' };
