/**
 * The digit the model reads, derived from the config: an MNIST sample (exactly as in the
 * dataset, so it matches the golden fixtures) or a drawing stored as 28×28 pixels.
 */
import { z } from 'zod';
import { argmax } from '../../core/tensor';
import { runModel } from '../../store/runtime';
import { latestOnly } from '../shared/latestOnly';
import { CNN_INPUT, CNN_MODEL, readCnnOutputs, type CnnActivations } from './cnn';
import type { DigitSource, ModelConfig } from './config';
import { unitActivation, unitInRange } from './unitDetail';

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

/**
 * Reads an uploaded picture as ink on a size×size square (fitted, centred): dark strokes on a
 * light background, or light on dark (decided by the border's brightness), like a drawing.
 */
export async function imageToInk(file: Blob, size: number): Promise<Float32Array> {
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new Error('this file is not an image the browser can read');
  });
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2-D canvas available');
  const scale = Math.min(size / bitmap.width, size / bitmap.height);
  const w = bitmap.width * scale;
  const h = bitmap.height * scale;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size, size);
  ctx.drawImage(bitmap, (size - w) / 2, (size - h) / 2, w, h);
  bitmap.close();
  const { data } = ctx.getImageData(0, 0, size, size);
  const lum = new Float32Array(size * size);
  for (let i = 0; i < lum.length; i++) {
    lum[i] = (0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!) / 255;
  }
  // The picture's own border tells the background: average the outermost ring of pixels.
  let border = 0;
  let n = 0;
  const x0 = Math.ceil((size - w) / 2);
  const y0 = Math.ceil((size - h) / 2);
  for (let x = x0; x < x0 + Math.floor(w); x++) {
    border += lum[y0 * size + x]! + lum[(y0 + Math.floor(h) - 1) * size + x]!;
    n += 2;
  }
  const darkBackground = n > 0 && border / n < 0.5;
  const ink = new Float32Array(size * size);
  for (let i = 0; i < ink.length; i++) {
    ink[i] = darkBackground ? lum[i]! : 1 - lum[i]!;
  }
  // Letterbox margins were painted white: they are background either way.
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (x < x0 || x >= x0 + Math.floor(w) || y < y0 || y >= y0 + Math.floor(h))
        ink[y * size + x] = 0;
    }
  }
  return ink;
}

function sameImage(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Runs the CNN on an image (latest call wins while one is running). */
export const predictDigit = latestOnly(async (image: Float32Array): Promise<CnnActivations> => {
  const outputs = await runModel(CNN_MODEL, { [CNN_INPUT]: { data: image, dims: [1, 1, 28, 28] } });
  return readCnnOutputs(image, outputs);
});

/**
 * Embed API getResult for the model view: the current digit's class probabilities, and the
 * model's activation of the selected unit when one is open.
 */
export async function modelResult(config: ModelConfig) {
  const image = await digitImage(config.digit);
  // predictDigit lets the newest caller win while a run is busy; make sure this answer is
  // for this image, not for one the user drew meanwhile.
  let acts = await predictDigit(image);
  for (let i = 0; i < 3 && !sameImage(acts.input.data, image); i++)
    acts = await predictDigit(image);
  const probabilities = Array.from(acts.probabilities.data);
  const unit =
    config.unit && unitInRange(config.unit)
      ? { ...config.unit, activation: unitActivation(acts, config.unit) }
      : null;
  return { probabilities, predicted: argmax(probabilities), unit };
}
