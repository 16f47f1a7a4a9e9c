import { z } from 'zod';

/** The GAN lesson's digits mode (skeleton — its owner defines the fields). */
export const digitsConfigSchema = z.object({ mode: z.literal('digits') }).strict();

export type DigitsConfig = z.infer<typeof digitsConfigSchema>;

export const digitsDefaults: DigitsConfig = { mode: 'digits' };
