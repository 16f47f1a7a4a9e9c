import { z } from 'zod';
import { MNIST_SIZE } from '../../core/digit';
import { useAppStore } from '../../store/store';

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

/** The Convolution lesson's config, version 1. */
export const convConfigSchema = z
  .object({
    mode: z.literal('model'),
    digit: digitSchema,
  })
  .strict();

export type ConvConfig = z.infer<typeof convConfigSchema>;
export type DigitSource = ConvConfig['digit'];

export const convDefaults: ConvConfig = { mode: 'model', digit: { sample: 0 } };

/** The lesson's config from the store (validated by the schema before it got there). */
export const useConvConfig = () => useAppStore((s) => s.configs.convolution as ConvConfig);
export const useConvStep = () => useAppStore((s) => s.steps.convolution);
