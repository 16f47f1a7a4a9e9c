import { z } from 'zod';
import {
  BUILTIN_DATA_KINDS,
  MAX_CUSTOM_POINTS,
  MIN_CUSTOM_POINTS,
  PLANE,
  type DataSpec,
} from '../../../core/ganData';
import { GAN_LOSSES } from '../../../core/ganLoss';

/** Limits of the 2-D playground (issue 5 item 2). */
export const TRAIN_LIMITS = {
  layers: 6,
  width: 128,
  noiseDim: 8,
  batchSize: 512,
  dSteps: 10,
  speed: 100,
} as const;

export const ACTIVATIONS = ['relu', 'leaky_relu', 'tanh'] as const;
export const OPTIMIZERS = ['sgd', 'adam'] as const;

const coordinate = z
  .number({ error: 'must be a number' })
  .min(PLANE.min, `points lie in the plane [${PLANE.min}, ${PLANE.max}]`)
  .max(PLANE.max, `points lie in the plane [${PLANE.min}, ${PLANE.max}]`);

/** The real data: a built-in distribution, or your own points (drawn, pasted or uploaded). */
export const dataSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(BUILTIN_DATA_KINDS) }).strict(),
  z
    .object({
      kind: z.literal('custom'),
      points: z
        .array(z.tuple([coordinate, coordinate]))
        .min(MIN_CUSTOM_POINTS, `at least ${MIN_CUSTOM_POINTS} points`)
        .max(MAX_CUSTOM_POINTS, `at most ${MAX_CUSTOM_POINTS} points`),
    })
    .strict(),
]);

/** A multilayer perceptron: hidden layers (0 = linear), their width and activation. */
export const networkSchema = z
  .object({
    layers: z
      .number()
      .int('a whole number of layers')
      .min(0, 'at least 0 hidden layers')
      .max(TRAIN_LIMITS.layers, `at most ${TRAIN_LIMITS.layers} hidden layers`),
    width: z
      .number()
      .int('a whole number of units')
      .min(1, 'at least 1 unit per layer')
      .max(TRAIN_LIMITS.width, `at most ${TRAIN_LIMITS.width} units per layer`),
    activation: z.enum(ACTIVATIONS),
  })
  .strict();

const learningRate = z
  .number({ error: 'must be a number' })
  .gt(0, 'the learning rate is above 0')
  .max(1, 'the learning rate is at most 1');

/** SGD (with momentum) or Adam (ε = 1e-8), each with its own learning rate. */
export const optimizerSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sgd'),
      lr: learningRate,
      momentum: z.number().min(0, 'momentum is at least 0').max(0.99, 'momentum is at most 0.99'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('adam'),
      lr: learningRate,
      beta1: z.number().min(0, 'beta1 is at least 0').lt(1, 'beta1 is below 1'),
      beta2: z.number().min(0, 'beta2 is at least 0').lt(1, 'beta2 is below 1'),
    })
    .strict(),
]);

/**
 * The 2-D playground: real data, the generator G: z ∈ ℝ^noiseDim → ℝ², the discriminator
 * D: ℝ² → (0, 1) (sigmoid output), the loss, each network's optimizer, D steps per G step,
 * the seed of every random draw, and how fast to run (iterations per animation frame, or
 * slow motion: one iteration at a time, sub-step by sub-step).
 */
export const trainConfigSchema = z
  .object({
    mode: z.literal('train'),
    data: dataSchema,
    generator: networkSchema,
    discriminator: networkSchema,
    noiseDim: z
      .number()
      .int('a whole number')
      .min(1, 'at least 1 noise dimension')
      .max(TRAIN_LIMITS.noiseDim, `at most ${TRAIN_LIMITS.noiseDim} noise dimensions`),
    batchSize: z
      .number()
      .int('a whole number')
      .min(1, 'at least 1 sample per batch')
      .max(TRAIN_LIMITS.batchSize, `at most ${TRAIN_LIMITS.batchSize} samples per batch`),
    loss: z.enum(GAN_LOSSES),
    optimizerG: optimizerSchema,
    optimizerD: optimizerSchema,
    dSteps: z
      .number()
      .int('a whole number')
      .min(1, 'at least 1 D step per G step')
      .max(TRAIN_LIMITS.dSteps, `at most ${TRAIN_LIMITS.dSteps} D steps per G step`),
    seed: z
      .number()
      .int('a whole number')
      .min(0)
      .max(2 ** 32 - 1),
    speed: z
      .number()
      .int('a whole number')
      .min(1, 'at least 1 iteration per frame')
      .max(TRAIN_LIMITS.speed, `at most ${TRAIN_LIMITS.speed} iterations per frame`),
    slowMotion: z.boolean(),
  })
  .strict();

export type TrainConfig = z.infer<typeof trainConfigSchema>;
export type NetworkConfig = TrainConfig['generator'];
export type OptimizerConfig = TrainConfig['optimizerG'];

/** Optimizer defaults for each kind, used when the kind is switched. */
export const OPTIMIZER_DEFAULTS: {
  [K in OptimizerConfig['kind']]: Extract<OptimizerConfig, { kind: K }>;
} = {
  sgd: { kind: 'sgd', lr: 0.05, momentum: 0 },
  adam: { kind: 'adam', lr: 0.002, beta1: 0.5, beta2: 0.999 },
};

/**
 * GAN Lab's starting point, made a little sturdier: a ring, 2 hidden layers of 16 ReLU units
 * on each side, 2-D noise, batches of 128, the non-saturating loss, Adam (lr 0.002,
 * β₁ = 0.5 as in DCGAN) for both, 1 D step per G step.
 */
export const trainDefaults: TrainConfig = {
  mode: 'train',
  data: { kind: 'ring' },
  generator: { layers: 2, width: 16, activation: 'relu' },
  discriminator: { layers: 2, width: 16, activation: 'relu' },
  noiseDim: 2,
  batchSize: 128,
  loss: 'non-saturating',
  optimizerG: OPTIMIZER_DEFAULTS.adam,
  optimizerD: OPTIMIZER_DEFAULTS.adam,
  dSteps: 1,
  seed: 1,
  speed: 10,
  slowMotion: false,
};

/** The config's data as core's DataSpec (the schema and DataSpec describe the same shapes). */
export const dataSpecOf = (config: TrainConfig): DataSpec => config.data;
