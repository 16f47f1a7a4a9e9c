import { z } from 'zod';
import { forward, NET_ACTIVATIONS, NET_LOSSES } from '../../../core/backprop';

export const HIDDEN_ACTIVATIONS = NET_ACTIVATIONS;
export const OUTPUT_ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh'] as const;
export const BACKPROP_LOSSES = NET_LOSSES;
export const MAX_LAYERS = 6;
export const MAX_UNITS = 8;

const num = z.number({ error: 'must be a number' }).finite('must be finite');

/**
 * The backprop view: a small fully connected network (2–6 layer sizes of 1–8 units, input
 * and output included; PyTorch Linear layout weights [out][in] and biases per layer), one
 * sample (x, y), a loss and a learning rate. Every shape is checked against `sizes` here, so
 * links, the editors and the embed API name the same field (`config.weights.1`).
 */
export const backpropConfigSchema = z
  .object({
    mode: z.literal('backprop'),
    sizes: z
      .array(z.number().int('must be an integer').min(1).max(MAX_UNITS))
      .min(2)
      .max(MAX_LAYERS),
    activation: z.enum(HIDDEN_ACTIVATIONS).default('relu'),
    output: z.enum(OUTPUT_ACTIVATIONS).default('linear'),
    loss: z.enum(BACKPROP_LOSSES).default('mse'),
    weights: z.array(z.array(z.array(num))),
    biases: z.array(z.array(num)),
    x: z.array(num),
    y: z.array(num),
    lr: num.positive('must be > 0').max(100, 'must be ≤ 100'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const layers = c.sizes.length - 1;
    let shaped = true;
    const bad = (path: (string | number)[], message: string) => {
      shaped = false;
      ctx.addIssue({ code: 'custom', path, message });
    };
    if (c.weights.length !== layers)
      bad(
        ['weights'],
        `needs ${layers} matrices (one per layer after the input), got ${c.weights.length}`,
      );
    c.weights.forEach((m, l) => {
      const [rows, cols] = [c.sizes[l + 1], c.sizes[l]];
      if (rows === undefined || cols === undefined) return;
      if (m.length !== rows || m.some((r) => r.length !== cols))
        bad(
          ['weights', l],
          `must be ${rows} × ${cols} (sizes[${l + 1}] rows of sizes[${l}] numbers), got ` +
            (m.length === 0 ? 'no rows' : `rows of ${m.map((r) => r.length).join(', ')} numbers`),
        );
    });
    if (c.biases.length !== layers)
      bad(
        ['biases'],
        `needs ${layers} vectors (one per layer after the input), got ${c.biases.length}`,
      );
    c.biases.forEach((b, l) => {
      const n = c.sizes[l + 1];
      if (n !== undefined && b.length !== n)
        bad(['biases', l], `needs ${n} numbers, got ${b.length}`);
    });
    if (c.x.length !== c.sizes[0])
      bad(['x'], `needs ${c.sizes[0]} numbers (sizes[0]), got ${c.x.length}`);
    if (c.y.length !== c.sizes[layers])
      bad(['y'], `needs ${c.sizes[layers]} numbers (the last size), got ${c.y.length}`);
    if (c.loss !== 'bce' || !shaped) return;
    c.y.forEach((v, k) => {
      if (v < 0 || v > 1) bad(['y', k], `bce needs targets in [0, 1], got ${v}`);
    });
    const out = forward(c).a[layers - 1]!;
    const k = out.findIndex((p) => !(p > 0 && p < 1));
    if (k >= 0)
      bad(
        ['output'],
        `bce needs every output in (0, 1), but output ${k + 1} is ${out[k]} (use output "sigmoid")`,
      );
  });

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
