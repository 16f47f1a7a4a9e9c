import { z } from 'zod';

/** The activation functions the lesson shows (PyTorch's: GELU is the exact, erf form). */
export const ACTIVATIONS = [
  'sigmoid',
  'tanh',
  'relu',
  'leaky_relu',
  'gelu',
  'softplus',
  'linear',
] as const;
export type ActivationFn = (typeof ACTIVATIONS)[number];

/**
 * The activations view: one function, the points x where it is read (the embed API's `xs`),
 * and LeakyReLU's slope.
 */
export const activationsConfigSchema = z
  .object({
    mode: z.literal('activations'),
    fn: z.enum(ACTIVATIONS).default('sigmoid'),
    xs: z
      .array(z.number({ error: 'must be a number' }).finite('must be finite'))
      .min(1, 'needs at least 1 value')
      .max(256, 'has at most 256 values'),
    alpha: z.number().finite().min(0).max(1).default(0.01),
  })
  .strict();

export type ActivationsConfig = z.infer<typeof activationsConfigSchema>;

export const activationsDefaults: ActivationsConfig = {
  mode: 'activations',
  fn: 'sigmoid',
  xs: [-2, -1, 0, 1, 2],
  alpha: 0.01,
};
