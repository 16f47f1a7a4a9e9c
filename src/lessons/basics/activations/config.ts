import { z } from 'zod';
import { ACTIVATION_FNS, DEFAULT_LEAKY_SLOPE, type ActivationFn } from '../../../core/activation';

/** The activation functions the lesson shows (PyTorch's: GELU is the exact, erf form). */
export const ACTIVATIONS = ACTIVATION_FNS;
export type { ActivationFn };

const num = z.number({ error: 'must be a number' }).finite('must be finite');

/**
 * The activations view: one function, the points x where it is read (the embed API's `xs`),
 * LeakyReLU's slope; the softmax step's vector and temperature; the depth step's layer count.
 */
export const activationsConfigSchema = z
  .object({
    mode: z.literal('activations'),
    fn: z.enum(ACTIVATIONS).default('sigmoid'),
    xs: z.array(num).min(1, 'needs at least 1 value').max(256, 'has at most 256 values'),
    alpha: num.min(0, 'must be ≥ 0').max(1, 'must be ≤ 1').default(DEFAULT_LEAKY_SLOPE),
    logits: z
      .array(num)
      .min(2, 'needs at least 2 values')
      .max(16, 'has at most 16 values')
      .default([2, 1, 0.1]),
    temperature: num.min(0.05, 'must be ≥ 0.05').max(100, 'must be ≤ 100').default(1),
    depth: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be ≥ 1')
      .max(20, 'must be ≤ 20')
      .default(8),
  })
  .strict();

export type ActivationsConfig = z.infer<typeof activationsConfigSchema>;

export const activationsDefaults: ActivationsConfig = {
  mode: 'activations',
  fn: 'sigmoid',
  xs: [-2, -1, 0, 1, 2],
  alpha: DEFAULT_LEAKY_SLOPE,
  logits: [2, 1, 0.1],
  temperature: 1,
  depth: 8,
};
