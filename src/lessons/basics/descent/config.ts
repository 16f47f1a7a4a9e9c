import { z } from 'zod';

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export const OBJECTIVES = ['half_sse', 'mse'] as const;

const num = z.number({ error: 'must be a number' }).finite('must be finite');

/** The descent view: a line ŷ = w·x + b fitted to points by gradient descent. */
export const descentConfigSchema = z
  .object({
    mode: z.literal('descent'),
    x: z.array(num).min(2, 'needs at least 2 points').max(64, 'has at most 64 points'),
    y: z.array(num).min(2, 'needs at least 2 points').max(64, 'has at most 64 points'),
    theta: z.tuple([num, num]),
    lr: num.positive('must be > 0'),
    steps: z.number().int().min(0).max(1000),
    objective: z.enum(OBJECTIVES).default('half_sse'),
    optimizer: z.enum(OPTIMIZERS).default('sgd'),
    momentum: num.min(0).max(0.999).default(0.9),
    beta1: num.min(0).max(0.999).default(0.9),
    beta2: num.min(0).max(0.9999).default(0.999),
  })
  .strict();

export type DescentConfig = z.infer<typeof descentConfigSchema>;

/** J = ½ Σ (y − (w·x + b))² at θ = 0 for x = [2, 4, 6], y = [3, 5, 7]: ∇J = [−68, −15]. */
export const descentDefaults: DescentConfig = {
  mode: 'descent',
  x: [2, 4, 6],
  y: [3, 5, 7],
  theta: [0, 0],
  lr: 0.01,
  steps: 20,
  objective: 'half_sse',
  optimizer: 'sgd',
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
};
