import { z } from 'zod';

export const DATASETS = [
  'circle',
  'xor',
  'gaussians',
  'spiral',
  'plane',
  'multi-gaussian',
] as const;
export type Dataset = (typeof DATASETS)[number];

/** The playground: a small network learning 2-D data (TensorFlow Playground and beyond). */
export const playgroundConfigSchema = z
  .object({
    mode: z.literal('playground'),
    dataset: z.enum(DATASETS).default('circle'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .strict();

export type PlaygroundConfig = z.infer<typeof playgroundConfigSchema>;

export const playgroundDefaults: PlaygroundConfig = {
  mode: 'playground',
  dataset: 'circle',
  seed: 1,
};
