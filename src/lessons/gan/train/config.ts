import { z } from 'zod';

/** The GAN lesson's train mode (skeleton — its owner defines the fields). */
export const trainConfigSchema = z.object({ mode: z.literal('train') }).strict();

export type TrainConfig = z.infer<typeof trainConfigSchema>;

export const trainDefaults: TrainConfig = { mode: 'train' };
