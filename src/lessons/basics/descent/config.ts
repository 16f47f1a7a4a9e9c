import { z } from 'zod';
import { DESCENT_OBJECTIVES, DESCENT_OPTIMIZERS } from '../../../core/descent';

/** Most points the view lays out (and the embed API takes). */
export const MAX_POINTS = 64;
/** Most updates one run shows. */
export const MAX_STEPS = 1000;

const num = z.number({ error: 'must be a number' }).finite('must be finite');
const points = z
  .array(num)
  .min(2, 'needs at least 2 points')
  .max(MAX_POINTS, `has at most ${MAX_POINTS} points`);
/** A rate in [0, 1): β = 1 would never forget (and Adam's bias correction divides by 0). */
const rate = num.min(0, 'must be ≥ 0').lt(1, 'must be < 1');

/** The descent view: a line ŷ = w·x + b fitted to points by gradient descent. */
export const descentConfigSchema = z
  .object({
    mode: z.literal('descent'),
    x: points,
    y: points,
    theta: z.tuple([num, num], { error: 'must be [w, b]' }),
    lr: num.positive('must be > 0'),
    steps: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be ≥ 0')
      .max(MAX_STEPS, `must be ≤ ${MAX_STEPS}`),
    objective: z.enum(DESCENT_OBJECTIVES).default('half_sse'),
    optimizer: z.enum(DESCENT_OPTIMIZERS).default('sgd'),
    momentum: rate.default(0.9),
    beta1: rate.default(0.9),
    beta2: rate.default(0.999),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.y.length !== c.x.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['y'],
        message: `has ${c.y.length} values but x has ${c.x.length}: one y per x`,
      });
    }
  });

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
