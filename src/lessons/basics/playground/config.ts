import { z } from 'zod';
import { PG_FEATURES } from '../../../core/playground';

export const DATASETS = [
  'circle',
  'xor',
  'gaussians',
  'spiral',
  'plane',
  'multi-gaussian',
] as const;
export type Dataset = (typeof DATASETS)[number];
export const FEATURES = PG_FEATURES;
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export const REGULARIZATIONS = ['none', 'l1', 'l2'] as const;
export const MAX_LAYERS = 6;
export const MAX_NEURONS = 8;

const num = z.number({ error: 'must be a number' }).finite('must be finite');

/**
 * The playground: a small network learning 2-D data (TensorFlow Playground and beyond). The
 * problem (classification or regression) follows from the data set.
 */
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
    noise: num.min(0, 'must be from 0 to 0.5').max(0.5, 'must be from 0 to 0.5').default(0),
    trainRatio: num
      .min(0.1, 'must be from 0.1 to 0.9')
      .max(0.9, 'must be from 0.1 to 0.9')
      .default(0.5),
    batchSize: z.number().int('must be a whole number').min(1).max(100).default(10),
    features: z
      .array(z.enum(FEATURES))
      .min(1, 'pick at least one feature')
      .default(['x1', 'x2'])
      .superRefine((fs, ctx) => {
        fs.forEach((f, i) => {
          if (fs.indexOf(f) !== i)
            ctx.addIssue({ code: 'custom', path: [i], message: `${f} is listed twice` });
        });
      }),
    hidden: z
      .array(
        z
          .number()
          .int('must be a whole number')
          .min(1, `must be from 1 to ${MAX_NEURONS}`)
          .max(MAX_NEURONS, `must be from 1 to ${MAX_NEURONS}`),
      )
      .max(MAX_LAYERS, `at most ${MAX_LAYERS} hidden layers`)
      .default([4, 2]),
    activation: z.enum(ACTIVATIONS).default('tanh'),
    lr: num.gt(0, 'must be > 0').max(10, 'must be ≤ 10').default(0.03),
    regularization: z.enum(REGULARIZATIONS).default('none'),
    regRate: num.min(0, 'must be ≥ 0').max(10, 'must be ≤ 10').default(0),
  })
  .strict();

export type PlaygroundConfig = z.infer<typeof playgroundConfigSchema>;

export const playgroundDefaults: PlaygroundConfig = {
  mode: 'playground',
  dataset: 'circle',
  seed: 1,
  noise: 0,
  trainRatio: 0.5,
  batchSize: 10,
  features: ['x1', 'x2'],
  hidden: [4, 2],
  activation: 'tanh',
  lr: 0.03,
  regularization: 'none',
  regRate: 0,
};
