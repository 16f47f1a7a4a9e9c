/**
 * Starting points for the sandbox: inputs (one channel each) and the classic 3×3 kernels of
 * image processing, with their usual values.
 */
import { seededRandom } from '../../../core/random';

export const INPUT_PRESETS = ['article', 'digit', 'edge', 'checker', 'random'] as const;
export type InputPreset = (typeof INPUT_PRESETS)[number];

export const KERNEL_PRESETS = [
  'article',
  'identity',
  'box',
  'gaussian',
  'sharpen',
  'sobelX',
  'sobelY',
  'laplacian',
  'emboss',
] as const;
export type KernelPreset = (typeof KERNEL_PRESETS)[number];

/**
 * A hand-written 12×12 crop of a "7" in MNIST's style: 0 is background, 1 full ink, with the
 * soft edges of an anti-aliased pen stroke.
 */
const DIGIT_SEVEN: number[][] = [
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0.2, 0.6, 0.9, 1, 1, 1, 1, 0.8, 0, 0],
  [0, 0, 0.3, 0.8, 0.9, 0.9, 0.8, 0.8, 1, 0.9, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0.3, 1, 0.6, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0.7, 1, 0.2, 0, 0],
  [0, 0, 0, 0, 0, 0, 0.2, 1, 0.8, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0.6, 1, 0.4, 0, 0, 0],
  [0, 0, 0, 0, 0, 0.1, 0.9, 0.9, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0.5, 1, 0.5, 0, 0, 0, 0],
  [0, 0, 0, 0, 0.1, 0.9, 0.9, 0.1, 0, 0, 0, 0],
  [0, 0, 0, 0, 0.3, 1, 0.6, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0.2, 0.1, 0, 0, 0, 0, 0],
];

const grid = (h: number, w: number, f: (r: number, c: number) => number): number[][] =>
  Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => f(r, c)));

/** Integers 0–9 from a seed, as `channels` matrices of `height`×`width`. */
export function randomInput(
  seed: number,
  channels: number,
  height: number,
  width: number,
): number[][][] {
  const next = seededRandom(seed);
  return Array.from({ length: channels }, () => grid(height, width, () => Math.floor(next() * 10)));
}

/** A one-channel preset input (random: see `randomInput`). */
export function inputPreset(name: Exclude<InputPreset, 'random'>): number[][] {
  switch (name) {
    case 'article':
      return [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ];
    case 'digit':
      return DIGIT_SEVEN.map((row) => [...row]);
    case 'edge':
      // Dark left half, bright right half: a vertical edge down the middle.
      return grid(6, 6, (_, c) => (c < 3 ? 0 : 1));
    case 'checker':
      return grid(6, 6, (r, c) => (r + c) % 2);
  }
}

/** A 3×3 kernel preset (values as usually written; the blurs are normalised to sum to 1). */
export function kernelPreset(name: KernelPreset): number[][] {
  switch (name) {
    case 'article':
      return [
        [0, 1, 0],
        [2, 0, 3],
        [0, 4, 0],
      ];
    case 'identity':
      return [
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ];
    case 'box':
      return grid(3, 3, () => 1 / 9);
    case 'gaussian':
      return [
        [1 / 16, 2 / 16, 1 / 16],
        [2 / 16, 4 / 16, 2 / 16],
        [1 / 16, 2 / 16, 1 / 16],
      ];
    case 'sharpen':
      return [
        [0, -1, 0],
        [-1, 5, -1],
        [0, -1, 0],
      ];
    case 'sobelX':
      return [
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ];
    case 'sobelY':
      return [
        [-1, -2, -1],
        [0, 0, 0],
        [1, 2, 1],
      ];
    case 'laplacian':
      return [
        [0, 1, 0],
        [1, -4, 1],
        [0, 1, 0],
      ];
    case 'emboss':
      return [
        [-2, -1, 0],
        [-1, 1, 1],
        [0, 1, 2],
      ];
  }
}

const sameMatrix = (a: readonly (readonly number[])[], b: readonly (readonly number[])[]) =>
  a.length === b.length &&
  a.every((row, r) => row.length === b[r]!.length && row.every((v, c) => v === b[r]![c]));

/** The kernel preset a matrix equals, if any (so the menu can show it). */
export function matchKernelPreset(kernel: readonly (readonly number[])[]): KernelPreset | null {
  return KERNEL_PRESETS.find((p) => sameMatrix(kernelPreset(p), kernel)) ?? null;
}

/** Which input preset the config's `preset` field names, if its input still matches it. */
export function matchInputPreset(
  preset: string | undefined,
  input: readonly (readonly (readonly number[])[])[],
): InputPreset | null {
  if (!preset) return null;
  const random = /^random:(\d+)$/.exec(preset);
  if (random) {
    const [c, h, w] = [input.length, input[0]!.length, input[0]![0]!.length];
    const expected = randomInput(Number(random[1]), c, h, w);
    return expected.every((m, i) => sameMatrix(m, input[i]!)) ? 'random' : null;
  }
  const name = INPUT_PRESETS.find((p) => p === preset);
  if (!name || name === 'random' || input.length !== 1) return null;
  return sameMatrix(inputPreset(name), input[0]!) ? name : null;
}

/** The seed in a `random:N` preset name (0 when there is none). */
export function randomSeed(preset: string | undefined): number {
  const m = /^random:(\d+)$/.exec(preset ?? '');
  return m ? Number(m[1]) : 0;
}
