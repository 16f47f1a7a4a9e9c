/**
 * The digit the model reads, derived from the config: an MNIST sample (exactly as in the
 * dataset, so it matches the golden fixtures) or a drawing stored as 28×28 pixels.
 */
import { z } from 'zod';
import { argmax } from '../../core/tensor';
import { runModel } from '../../store/runtime';
import { latestOnly } from '../shared/latestOnly';
import { CNN_INPUT, CNN_MODEL, readCnnOutputs, type CnnActivations } from './cnn';
import type { ConvConfig, DigitSource } from './config';

const samplesSchema = z.object({
  source: z.string(),
  digits: z
    .array(z.object({ label: z.number().int(), pixels: z.array(z.number()).length(784) }))
    .length(10),
});

export type SampleDigits = z.infer<typeof samplesSchema>;

let samples: Promise<SampleDigits> | undefined;

/** The ten sample digits (models/mnist_samples.json), fetched once. */
export function loadSamples(): Promise<SampleDigits> {
  samples ??= fetch(new URL('models/mnist_samples.json', document.baseURI))
    .then((r) => {
      if (!r.ok) throw new Error(`models/mnist_samples.json answered HTTP ${r.status}`);
      return r.json();
    })
    .then((json) => samplesSchema.parse(json));
  samples.catch(() => (samples = undefined));
  return samples;
}

/** The 28×28 image for a digit source. */
export async function digitImage(digit: DigitSource): Promise<Float32Array> {
  if ('sample' in digit)
    return Float32Array.from((await loadSamples()).digits[digit.sample]!.pixels);
  return Float32Array.from(digit.pixels.flat());
}

/** Rows of a flat 28×28 image, as the config stores a drawing. */
export function toRows(image: ArrayLike<number>, side = 28): number[][] {
  return Array.from({ length: side }, (_, r) => Array.from(image).slice(r * side, (r + 1) * side));
}

/** Runs the CNN on an image (latest call wins while one is running). */
export const predictDigit = latestOnly(async (image: Float32Array): Promise<CnnActivations> => {
  const outputs = await runModel(CNN_MODEL, { [CNN_INPUT]: { data: image, dims: [1, 1, 28, 28] } });
  return readCnnOutputs(image, outputs);
});

/** Embed API getResult for the model view: the current digit's class probabilities. */
export async function modelResult(config: ConvConfig) {
  const image = await digitImage(config.digit);
  const acts = await predictDigit(image);
  const probabilities = Array.from(acts.probabilities.data);
  return { probabilities, predicted: argmax(probabilities) };
}
