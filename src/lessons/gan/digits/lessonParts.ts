/** The digits mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { DigitsConfig } from './config';
import { discriminate, generate, IMAGE_SIDE, IMAGE_SIZE, readDigit } from './ganModels';
import { GAN_CLASSES, gridLatents, interpolate, oneHot, type StripPoint } from './latent';

/** Parts of the view `?hide=` can hide. */
export const DIGITS_HIDEABLE = ['digits-grid', 'digits-latent', 'digits-strip'] as const;

/** One step per image of the interpolation strip. */
export function digitsStepCount(config: DigitsConfig): number {
  return config.steps;
}

/** Everything the view draws for a config: every image the generator made and D's verdicts. */
export interface DigitsOutputs {
  grid: { z: number[][]; images: Float32Array[]; scores: number[] };
  /**
   * The selected sample: its image, D's score and D's auxiliary class guesses, and what the
   * Convolution lesson's CNN (mnist_cnn) reads in it (10 probabilities).
   */
  selected: { image: Float32Array; score: number; classes: number[]; cnn: number[] };
  strip: { points: StripPoint[]; images: Float32Array[]; scores: number[] };
}

/**
 * Runs the generator once on the grid, the selected z and the strip (one batch), then the
 * discriminator once on all those images, and the Convolution lesson's CNN on the selected one.
 */
export async function computeDigits(config: DigitsConfig): Promise<DigitsOutputs> {
  const gridZ = gridLatents(config.seed);
  const points = interpolate(config.from, config.to, config.steps);
  const label = oneHot(config.label);
  const zs = [...gridZ, config.z, ...points.map((p) => p.z)];
  const labels = [...gridZ.map(() => label), label, ...points.map((p) => p.label)];
  const images = await generate(zs, labels);
  const { scores, classes } = await discriminate(images);
  const imageAt = (i: number) => images.slice(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE);
  const g = gridZ.length;
  const cnn = await readDigit(imageAt(g));
  return {
    grid: {
      z: gridZ,
      images: gridZ.map((_, i) => imageAt(i)),
      scores: Array.from(scores.subarray(0, g)),
    },
    selected: {
      image: imageAt(g),
      score: scores[g]!,
      classes: Array.from(classes.subarray(g * GAN_CLASSES, (g + 1) * GAN_CLASSES)),
      cnn: Array.from(cnn),
    },
    strip: {
      points,
      images: points.map((_, k) => imageAt(g + 1 + k)),
      scores: Array.from(scores.subarray(g + 1, g + 1 + points.length)),
    },
  };
}

/** A flat 28×28 image as rows. */
const rows = (image: Float32Array): number[][] =>
  Array.from({ length: IMAGE_SIDE }, (_, r) =>
    Array.from(image.subarray(r * IMAGE_SIDE, (r + 1) * IMAGE_SIDE)),
  );

/**
 * Embed API getResult for the digits view: the numbers it shows, as plain arrays.
 * ```
 * {
 *   seed, label,                      // as in the config
 *   grid: { z: number[12][8],         // the seeded samples' latent vectors
 *           scores: number[12] },     // D's probability that each sample is real
 *   selected: { z: number[8], label,
 *               image: number[28][28],   // G(z, onehot(label)), 0 = background, 1 = ink
 *               score: number,           // D(image): probability "real"
 *               classes: number[10],     // D's own guess of the digit (auxiliary classifier)
 *               cnn: number[10] },       // what the Convolution lesson's CNN reads in it
 *   interpolation: { from, to,        // the endpoints {z, label}, as in the config
 *                    t: number[n],    // k / (n − 1)
 *                    z: number[n][8], labels: number[n][10],  // G's inputs along the strip
 *                    images: number[n][28][28], scores: number[n] },
 * }
 * ```
 * Images are G's `image` output and scores D's `score` output on the current backend.
 */
export async function digitsResult(config: DigitsConfig) {
  const out = await computeDigits(config);
  return {
    seed: config.seed,
    label: config.label,
    grid: { z: out.grid.z, scores: out.grid.scores },
    selected: {
      z: config.z,
      label: config.label,
      image: rows(out.selected.image),
      score: out.selected.score,
      classes: out.selected.classes,
      cnn: out.selected.cnn,
    },
    interpolation: {
      from: config.from,
      to: config.to,
      t: out.strip.points.map((p) => p.t),
      z: out.strip.points.map((p) => p.z),
      labels: out.strip.points.map((p) => p.label),
      images: out.strip.images.map(rows),
      scores: out.strip.scores,
    },
  };
}
