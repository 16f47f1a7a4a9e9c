import { z } from 'zod';

export const LOSSES = ['mse', 'mae', 'bce', 'cross_entropy'] as const;
export type LossFn = (typeof LOSSES)[number];

const num = z.number({ error: 'must be a number' }).finite('must be finite');
const values = z.union([z.array(num), z.array(z.array(num))]);

/**
 * The losses view: a loss, the targets and the predictions (number[] for mse, mae and bce;
 * rows of class probabilities for cross_entropy).
 */
export const lossesConfigSchema = z
  .object({
    mode: z.literal('losses'),
    loss: z.enum(LOSSES).default('mse'),
    target: values,
    prediction: values,
  })
  .strict();

export type LossesConfig = z.infer<typeof lossesConfigSchema>;

export const lossesDefaults: LossesConfig = {
  mode: 'losses',
  loss: 'mse',
  target: [1, 0, 1],
  prediction: [0.9, 0.2, 0.8],
};
