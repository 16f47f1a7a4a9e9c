import { z } from 'zod';

export const HIDDEN_ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear'] as const;
export const OUTPUT_ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh'] as const;
export const BACKPROP_LOSSES = ['mse', 'bce'] as const;

const num = z.number({ error: 'must be a number' }).finite('must be finite');

/**
 * The backprop view: a small fully connected network (layer sizes, PyTorch Linear layout
 * weights [out][in] and biases per layer), one sample (x, y), a loss and a learning rate.
 */
export const backpropConfigSchema = z
  .object({
    mode: z.literal('backprop'),
    sizes: z.array(z.number().int().min(1).max(8)).min(2).max(7),
    activation: z.enum(HIDDEN_ACTIVATIONS).default('relu'),
    output: z.enum(OUTPUT_ACTIVATIONS).default('linear'),
    loss: z.enum(BACKPROP_LOSSES).default('mse'),
    weights: z.array(z.array(z.array(num))),
    biases: z.array(z.array(num)),
    x: z.array(num),
    y: z.array(num),
    lr: num.positive('must be > 0'),
  })
  .strict();

export type BackpropConfig = z.infer<typeof backpropConfigSchema>;

/** The 3-2-1 example made consistent: all-ones weights and biases, ReLU, x = [1, 2, 3], y = 1. */
export const backpropDefaults: BackpropConfig = {
  mode: 'backprop',
  sizes: [3, 2, 1],
  activation: 'relu',
  output: 'linear',
  loss: 'mse',
  weights: [
    [
      [1, 1, 1],
      [1, 1, 1],
    ],
    [[1, 1]],
  ],
  biases: [[1, 1], [1]],
  x: [1, 2, 3],
  y: [1],
  lr: 0.1,
};
