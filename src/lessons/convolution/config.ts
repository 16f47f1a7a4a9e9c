import { z } from 'zod';
import { sandboxNumber } from '../shared/numbers';
import { MNIST_SIZE } from '../../core/digit';
import { useAppStore } from '../../store/store';
import { convOutputSize, convTransposeOutputSize } from '../../core/conv';
import { layerOf } from './cnn';

const pixelRow = z
  .array(z.number().min(0, 'pixels are between 0 and 1').max(1, 'pixels are between 0 and 1'))
  .length(MNIST_SIZE, `each row has ${MNIST_SIZE} pixels`);

/** Which digit the model reads: one of the MNIST samples (by class), or a 28×28 drawing. */
export const digitSchema = z.union([
  z.object({ sample: z.number().int().min(0).max(9) }).strict(),
  z
    .object({ pixels: z.array(pixelRow).length(MNIST_SIZE, `the image has ${MNIST_SIZE} rows`) })
    .strict(),
]);

/** Layers whose units can be opened in the detail view. */
export const UNIT_LAYERS = [
  'conv1',
  'relu1',
  'pool1',
  'conv2',
  'relu2',
  'pool2',
  'logits',
  'probabilities',
] as const;

/** A unit of the network: a layer, a channel (map) and a position in it (0 for dense layers). */
export const unitSchema = z
  .object({
    layer: z.enum(UNIT_LAYERS),
    channel: z.number().int().nonnegative(),
    y: z.number().int().nonnegative(),
    x: z.number().int().nonnegative(),
  })
  .strict();

export type Unit = z.infer<typeof unitSchema>;

/** The model view: the CNN on a digit; optionally one unit opened in the detail view. */
export const modelConfigSchema = z
  .object({
    mode: z.literal('model'),
    digit: digitSchema,
    unit: unitSchema.nullable().default(null),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.unit) return;
    const shape = layerOf(c.unit.layer).shape;
    const [channels, height, width] =
      shape.length === 1 ? [shape[0]!, 1, 1] : (shape as [number, number, number]);
    const limits = { channel: channels, y: height, x: width } as const;
    for (const key of ['channel', 'y', 'x'] as const) {
      if (c.unit[key] >= limits[key]) {
        ctx.addIssue({
          code: 'custom',
          path: ['unit', key],
          message: `${c.unit.layer} has ${key} 0 to ${limits[key] - 1}`,
        });
      }
    }
  });

/** Most multiply-adds the sandbox lays out step by step (all output cells × window size). */
export const SANDBOX_MAX_WORK = 250_000;

// Sandbox limits (issue 3): input up to 16×16, kernel up to 7×7, up to 3 channels in and out.
export const SANDBOX_LIMITS = {
  size: 16,
  kernel: 7,
  channels: 3,
  stride: 4,
  padding: 4,
  dilation: 4,
  pool: 4,
} as const;

const finite = sandboxNumber;
const matrix = (max: number, what: string) =>
  z
    .array(
      z
        .array(finite)
        .min(1, `${what} rows need at least 1 value`)
        .max(max, `${what} is at most ${max} wide`),
    )
    .min(1, `${what} needs at least 1 row`)
    .max(max, `${what} is at most ${max} tall`)
    .superRefine((rows, ctx) => {
      const width = rows[0]?.length ?? 0;
      rows.forEach((row, i) => {
        if (row.length !== width) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `row ${i} has ${row.length} values; row 0 has ${width} (rows must be equally long)`,
          });
        }
      });
    });

const sameShape = (what: string) => (mats: number[][][], ctx: z.RefinementCtx) => {
  const h = mats[0]?.length ?? 0;
  const w = mats[0]?.[0]?.length ?? 0;
  mats.forEach((m, i) => {
    if (m.length !== h || (m[0]?.length ?? 0) !== w) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `${what} ${i} is ${m.length}×${m[0]?.length ?? 0}; ${what} 0 is ${h}×${w}`,
      });
    }
  });
};

/** One channel (number[][]) or up to 3 channels (number[][][]) of up to 16×16. */
export const sandboxInputSchema = z.union([
  matrix(SANDBOX_LIMITS.size, 'input'),
  z
    .array(matrix(SANDBOX_LIMITS.size, 'input channel'))
    .min(1)
    .max(SANDBOX_LIMITS.channels, `at most ${SANDBOX_LIMITS.channels} input channels`)
    .superRefine(sameShape('channel')),
]);

/**
 * A kernel: number[][] (1 in, 1 out channel), number[][][] ([in][kh][kw], 1 out channel) or
 * number[][][][] ([out][in][kh][kw]), each up to 7×7 — PyTorch's conv2d weight layout.
 */
export const sandboxKernelSchema = z.union([
  matrix(SANDBOX_LIMITS.kernel, 'kernel'),
  z
    .array(matrix(SANDBOX_LIMITS.kernel, 'kernel'))
    .min(1)
    .max(SANDBOX_LIMITS.channels)
    .superRefine(sameShape('kernel')),
  z
    .array(
      z
        .array(matrix(SANDBOX_LIMITS.kernel, 'kernel'))
        .min(1)
        .max(SANDBOX_LIMITS.channels)
        .superRefine(sameShape('kernel')),
    )
    .min(1)
    .max(SANDBOX_LIMITS.channels, `at most ${SANDBOX_LIMITS.channels} output channels`),
]);

/** Names `?hide=` can give to hide parts of the sandbox. */
export const SANDBOX_HIDEABLE = [
  'sandbox-input',
  'sandbox-kernel',
  'sandbox-params',
  'sandbox-formula',
  'sandbox-animation',
  'sandbox-activation',
  'sandbox-pool',
] as const;

export const ACTIVATIONS = ['none', 'relu', 'leakyrelu', 'sigmoid', 'tanh'] as const;
export const POOLS = ['none', 'max', 'avg'] as const;

/** The sandbox: your own input and kernel through conv (or transposed conv), activation, pooling. */
export const sandboxConfigSchema = z
  .object({
    mode: z.literal('sandbox'),
    input: sandboxInputSchema,
    kernel: sandboxKernelSchema,
    /** One bias per output channel (a single number for one output channel). */
    bias: z.union([finite, z.array(finite).min(1).max(SANDBOX_LIMITS.channels)]).default(0),
    stride: z.number().int().min(1, 'stride is at least 1').max(SANDBOX_LIMITS.stride).default(1),
    padding: z
      .number()
      .int()
      .min(0, 'padding is at least 0')
      .max(SANDBOX_LIMITS.padding)
      .default(0),
    dilation: z
      .number()
      .int()
      .min(1, 'dilation is at least 1')
      .max(SANDBOX_LIMITS.dilation)
      .default(1),
    transposed: z.boolean().default(false),
    activation: z.enum(ACTIVATIONS).default('none'),
    pool: z.enum(POOLS).default('none'),
    poolSize: z.number().int().min(1).max(SANDBOX_LIMITS.pool).default(2),
    poolStride: z.number().int().min(1).max(SANDBOX_LIMITS.pool).default(2),
    /** Name of the preset this config started from, for the preset menu (informative only). */
    preset: z.string().max(40).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const inChannels = Array.isArray(c.input[0]?.[0]) ? c.input.length : 1;
    const k = c.kernel as unknown[];
    const rank = !Array.isArray(k[0])
      ? 0
      : !Array.isArray((k[0] as unknown[])[0])
        ? 2
        : !Array.isArray(((k[0] as unknown[])[0] as unknown[])[0])
          ? 3
          : 4;
    const kernelIn = rank === 2 ? 1 : rank === 3 ? k.length : (k[0] as unknown[]).length;
    const kernelOut = rank === 4 ? k.length : 1;
    if (kernelIn !== inChannels) {
      ctx.addIssue({
        code: 'custom',
        path: ['kernel'],
        message: `the kernel has ${kernelIn} input channel(s); the input has ${inChannels}`,
      });
    }
    const biasCount = Array.isArray(c.bias) ? c.bias.length : 1;
    if (Array.isArray(c.bias) && biasCount !== kernelOut) {
      ctx.addIssue({
        code: 'custom',
        path: ['bias'],
        message: `${biasCount} bias value(s) for ${kernelOut} output channel(s)`,
      });
    }
    if (rank === 4) {
      // Every output channel needs the same number of input slices, all of the same size.
      const k4 = c.kernel as number[][][][];
      const [kh, kw] = [k4[0]![0]!.length, k4[0]![0]![0]!.length];
      k4.forEach((out, o) => {
        const bad =
          out.length !== kernelIn || out.some((m) => m.length !== kh || m[0]!.length !== kw);
        if (bad) {
          ctx.addIssue({
            code: 'custom',
            path: ['kernel', o],
            message: `output channel ${o} must have ${kernelIn} slice(s) of ${kh}×${kw}, like output channel 0`,
          });
        }
      });
    }
    if (kernelIn !== inChannels) return;
    // The animation lists every multiply-add; past this much work it would stall the page.
    const h = (
      Array.isArray(c.input[0]?.[0]) ? (c.input as number[][][])[0]! : (c.input as number[][])
    ).length;
    const w = (
      Array.isArray(c.input[0]?.[0])
        ? (c.input as number[][][])[0]![0]!
        : (c.input as number[][])[0]!
    ).length;
    const first = (
      rank === 2 ? k : rank === 3 ? (k[0] as unknown[]) : ((k[0] as unknown[])[0] as unknown[])
    ) as number[][];
    const [kh, kw] = [first.length, first[0]!.length];
    const p = { stride: c.stride, padding: c.padding, dilation: c.dilation };
    const size = c.transposed ? convTransposeOutputSize : convOutputSize;
    const [ho, wo] = [size(h, kh, p), size(w, kw, p)];
    const work = kernelOut * Math.max(0, ho) * Math.max(0, wo) * kernelIn * kh * kw;
    if (work > SANDBOX_MAX_WORK) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `this combination needs ${work.toLocaleString('en')} multiply-adds (a ${kernelOut}×${ho}×${wo} output); the sandbox shows up to ${SANDBOX_MAX_WORK.toLocaleString('en')}: use a smaller input, kernel, stride or fewer channels`,
      });
    }
  });

export const convConfigSchema = z.discriminatedUnion('mode', [
  modelConfigSchema,
  sandboxConfigSchema,
]);

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;
export type ConvConfig = z.infer<typeof convConfigSchema>;
export type DigitSource = ModelConfig['digit'];

export const modelDefaults: ModelConfig = { mode: 'model', digit: { sample: 0 }, unit: null };

/** The article's example: each product and the sum 60 at the single output position. */
export const sandboxDefaults: SandboxConfig = {
  mode: 'sandbox',
  input: [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ],
  kernel: [
    [0, 1, 0],
    [2, 0, 3],
    [0, 4, 0],
  ],
  bias: 0,
  stride: 1,
  padding: 0,
  dilation: 1,
  transposed: false,
  activation: 'none',
  pool: 'none',
  poolSize: 2,
  poolStride: 2,
  preset: 'article',
};

export const convDefaults: ConvConfig = modelDefaults;

/** The lesson's config from the store (validated by the schema before it got there). */
export const useConvConfig = () => useAppStore((s) => s.configs.convolution as ConvConfig);
export const useConvStep = () => useAppStore((s) => s.steps.convolution);
