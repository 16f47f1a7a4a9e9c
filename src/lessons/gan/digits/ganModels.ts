/**
 * Typed access to the MNIST GAN (models/mnist_gan_g.json, models/mnist_gan_d.json): the
 * generator turns (z, one-hot label) into 28×28 images, the discriminator scores them.
 * Components never build input or output names themselves.
 */
import type { Tensor } from '../../../core/tensor';
import { runModel } from '../../../store/runtime';
import { CNN_INPUT, CNN_MODEL } from '../../convolution/cnn';
import { GAN_CLASSES, LATENT_DIM } from './latent';

export const GAN_G = 'mnist_gan_g';
export const GAN_D = 'mnist_gan_d';
export const IMAGE_SIDE = 28;
export const IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE;

/** What the discriminator says about N images. */
export interface Judgement {
  /** [N] probability that each image is a real MNIST digit. */
  scores: Float32Array;
  /** [N·10] probability of each digit 0–9, per image (the auxiliary classifier). */
  classes: Float32Array;
}

/** Returns the named output, checking its size (so a wrong model fails with a clear message). */
function output(outputs: Record<string, Tensor>, name: string, size: number): Float32Array {
  const t = outputs[name];
  if (!t || t.data.length !== size) {
    throw new Error(`the model's output "${name}" is missing or has the wrong size`);
  }
  return t.data;
}

/**
 * Runs the generator on N latent vectors and label vectors (one-hot, or a mix of two).
 * @param zs - N × LATENT_DIM
 * @param labels - N × 10
 * @returns [N·784] images, row-major, 0 = background, 1 = ink
 */
export async function generate(zs: number[][], labels: number[][]): Promise<Float32Array> {
  const n = zs.length;
  const out = await runModel(GAN_G, {
    z: { data: Float32Array.from(zs.flat()), dims: [n, LATENT_DIM] },
    label: { data: Float32Array.from(labels.flat()), dims: [n, GAN_CLASSES] },
  });
  return output(out, 'image', n * IMAGE_SIZE);
}

/** Runs the discriminator on N images ([N·784], as `generate` returns them). */
export async function discriminate(images: Float32Array): Promise<Judgement> {
  const n = images.length / IMAGE_SIZE;
  const out = await runModel(GAN_D, {
    image: { data: images, dims: [n, 1, IMAGE_SIDE, IMAGE_SIDE] },
  });
  return { scores: output(out, 'score', n), classes: output(out, 'classes', n * GAN_CLASSES) };
}

/**
 * What the Convolution lesson's CNN (mnist_cnn, 98% on held-out MNIST) reads in one image: an
 * independent judge of whether G drew the digit it was asked for.
 * @param image - [784], as `generate` returns it
 * @returns [10] the CNN's probability of each digit 0–9
 */
export async function readDigit(image: Float32Array): Promise<Float32Array> {
  const out = await runModel(CNN_MODEL, {
    [CNN_INPUT]: { data: image, dims: [1, 1, IMAGE_SIDE, IMAGE_SIDE] },
  });
  return output(out, 'probabilities', GAN_CLASSES);
}

/**
 * What D's score means, from the figures its model card records (models/mnist_gan_d.json):
 * D's mean score on real digits and on G's, and, when recorded, how often it ranks a real digit
 * above a generated one (AUC). Metric names are matched loosely so a retrained card that
 * words them differently (e.g. on held-out digits) is still read.
 */
export interface DCalibration {
  meanReal: number;
  meanGenerated: number;
  auc: number | null;
}

export function dCalibration(metrics: Record<string, unknown> | undefined): DCalibration | null {
  if (!metrics) return null;
  const entries = Object.entries(metrics).filter(
    (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]),
  );
  const find = (test: RegExp, prefer?: RegExp) => {
    const hits = entries.filter(([k]) => test.test(k));
    return (hits.find(([k]) => prefer?.test(k)) ?? hits[0])?.[1];
  };
  const heldOut = /held|test|val/i;
  const meanReal = find(/^d.*(mean|avg).*real|^d.*real.*(mean|avg)/i, heldOut);
  const meanGenerated = find(/^d.*(mean|avg).*(gen|fake)|^d.*(gen|fake).*(mean|avg)/i, heldOut);
  if (meanReal === undefined || meanGenerated === undefined) return null;
  return { meanReal, meanGenerated, auc: find(/auc/i, heldOut) ?? null };
}
