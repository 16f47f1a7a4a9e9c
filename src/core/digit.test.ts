import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MNIST_BOX, MNIST_SIZE, frameDigit, quantize } from './digit';

const CANVAS = 280;

/** A CANVAS×CANVAS ink array with a filled w×h rectangle of intensity `v` at (x0, y0). */
function rectangle(x0: number, y0: number, w: number, h: number, v = 1): Float32Array {
  const ink = new Float32Array(CANVAS * CANVAS);
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) ink[y * CANVAS + x] = v;
  return ink;
}

interface ImageStats {
  /** Bounding box of the non-zero pixels. */
  x0: number;
  y0: number;
  width: number;
  height: number;
  /** Centre of mass, pixel centres at (x + 0.5, y + 0.5). */
  cx: number;
  cy: number;
  peak: number;
}

function statsOf(image: ArrayLike<number>): ImageStats {
  let x0 = MNIST_SIZE;
  let y0 = MNIST_SIZE;
  let x1 = -1;
  let y1 = -1;
  let mass = 0;
  let mx = 0;
  let my = 0;
  let peak = 0;
  for (let y = 0; y < MNIST_SIZE; y++) {
    for (let x = 0; x < MNIST_SIZE; x++) {
      const v = image[y * MNIST_SIZE + x]!;
      if (v <= 0) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
      peak = Math.max(peak, v);
    }
  }
  return { x0, y0, width: x1 - x0 + 1, height: y1 - y0 + 1, cx: mx / mass, cy: my / mass, peak };
}

/** Mean |a − b| where b is shifted by (dx, dy) pixels (zeros shifted in). */
function meanAbsDiffShifted(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  dx: number,
  dy: number,
): number {
  let total = 0;
  for (let y = 0; y < MNIST_SIZE; y++) {
    for (let x = 0; x < MNIST_SIZE; x++) {
      const sx = x - dx;
      const sy = y - dy;
      const inside = sx >= 0 && sx < MNIST_SIZE && sy >= 0 && sy < MNIST_SIZE;
      total += Math.abs(a[y * MNIST_SIZE + x]! - (inside ? b[sy * MNIST_SIZE + sx]! : 0));
    }
  }
  return total / (MNIST_SIZE * MNIST_SIZE);
}

describe('frameDigit', () => {
  it('reports an empty drawing and returns all zeros', () => {
    const framed = frameDigit(new Float32Array(CANVAS * CANVAS), CANVAS, CANVAS);
    expect(framed.empty).toBe(true);
    expect(framed.image).toHaveLength(MNIST_SIZE * MNIST_SIZE);
    expect(framed.image.every((v) => v === 0)).toBe(true);
  });

  it('treats ink below the threshold (0.1) as no ink', () => {
    // 0.09, not 0.1: the Float32 nearest 0.1 is 0.10000000149, which is above the threshold.
    const framed = frameDigit(rectangle(50, 50, 100, 100, 0.09), CANVAS, CANVAS);
    expect(framed.empty).toBe(true);
    expect(framed.image.every((v) => v === 0)).toBe(true);
  });

  it('leaves faint smudges out of the bounding box', () => {
    const ink = rectangle(100, 100, 40, 40);
    ink[5 * CANVAS + 5] = 0.05; // far-away smudge below the threshold
    const s = statsOf(frameDigit(ink, CANVAS, CANVAS).image);
    expect([s.width, s.height]).toEqual([20, 20]);
    expect([s.x0, s.y0]).toEqual([4, 4]);
  });

  // A filled square lands as exactly a 20×20 block of ones wherever it was drawn. The centre
  // tolerance is 0.5 px because the box is placed on whole pixels (offset rounded).
  it.each([
    ['top-left corner', 0, 0, 60],
    ['bottom-right corner', 180, 180, 100],
    ['middle, odd size', 101, 77, 33],
    ['a single pixel', 0, 0, 1],
    ['the whole canvas', 0, 0, CANVAS],
  ])('frames a square drawn at the %s to a 20 px box centred at (14, 14)', (_, x0, y0, side) => {
    const framed = frameDigit(rectangle(x0, y0, side, side), CANVAS, CANVAS);
    expect(framed.empty).toBe(false);
    const s = statsOf(framed.image);
    expect(Math.max(s.width, s.height)).toBe(MNIST_BOX);
    expect(s.width).toBe(MNIST_BOX);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
    expect(s.peak).toBe(1);
    // Area-averaging a uniform block keeps it uniform: every inked pixel is exactly 1.
    expect(framed.image.filter((v) => v > 0).every((v) => v === 1)).toBe(true);
    expect(framed.image.filter((v) => v > 0)).toHaveLength(MNIST_BOX * MNIST_BOX);
  });

  it('keeps the aspect ratio: a 100×50 rectangle becomes a 20×10 box', () => {
    const s = statsOf(frameDigit(rectangle(0, 0, 100, 50), CANVAS, CANVAS).image);
    expect([s.width, s.height]).toEqual([20, 10]);
    // Even sizes centre exactly: columns 4..23, rows 9..18.
    expect([s.x0, s.y0]).toEqual([4, 9]);
    expect(s.cx).toBe(14);
    expect(s.cy).toBe(14);
  });

  it('keeps the aspect ratio of a tall rectangle (41×97 → round(41·20/97) = 8 × 20)', () => {
    const s = statsOf(frameDigit(rectangle(3, 7, 41, 97), CANVAS, CANVAS).image);
    expect([s.width, s.height]).toEqual([8, 20]);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
  });

  it('normalises the peak to 1 for faint ink', () => {
    const framed = frameDigit(rectangle(20, 20, 40, 80, 0.4), CANVAS, CANVAS);
    expect(statsOf(framed.image).peak).toBe(1);
  });

  it('works on non-square canvases', () => {
    // 300 wide × 100 high; a 50×20 stroke → 20×8 box.
    const width = 300;
    const height = 100;
    const ink = new Float32Array(width * height);
    for (let y = 40; y < 60; y++) for (let x = 200; x < 250; x++) ink[y * width + x] = 1;
    const s = statsOf(frameDigit(ink, width, height).image);
    expect([s.width, s.height]).toEqual([20, 8]);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
  });

  describe('on MNIST samples already framed by MNIST', () => {
    const samples = JSON.parse(
      readFileSync(new URL('../../models/mnist_samples.json', import.meta.url), 'utf8'),
    ) as {
      digits: { label: number; pixels: number[] }[];
    };

    /** Draws a 28×28 image ×10 into a 280×280 ink array (nearest neighbour). */
    const upscale = (pixels: readonly number[]) => {
      const ink = new Float32Array(CANVAS * CANVAS);
      for (let y = 0; y < CANVAS; y++) {
        for (let x = 0; x < CANVAS; x++) {
          ink[y * CANVAS + x] = pixels[Math.floor(y / 10) * MNIST_SIZE + Math.floor(x / 10)]!;
        }
      }
      return ink;
    };

    it.each(samples.digits.map((d) => [d.label, d.pixels] as const))(
      'digit %i is reproduced up to a whole-pixel shift',
      (_, pixels) => {
        const framed = frameDigit(upscale(pixels), CANVAS, CANVAS).image;
        // MNIST puts the centre of mass on the pixel *index* 14 (continuous 14.5, so sample
        // centres lie in [14, 15]); frameDigit puts it at continuous 14, so a sample may come
        // back moved by one pixel left and/or up. Without aligning, the measured mean |diff|
        // over the ten samples reaches 0.112 (digit 8); aligned by the best shift in
        // {-1, 0, 1}², it is at most 5e-4 (measured): ink peaking at 0.996 is rescaled to 1
        // (+0.4 %), and digit 8 loses one column of faint (≤ 0.1) ink outside the thresholded
        // box. Tolerance 1e-3 covers those and nothing else: any resampling blur or a 1 px
        // misplacement costs > 0.01.
        let best = { dx: 0, dy: 0, mad: Infinity };
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const mad = meanAbsDiffShifted(framed, pixels, dx, dy);
            if (mad < best.mad) best = { dx, dy, mad };
          }
        }
        expect(best.mad).toBeLessThan(1e-3);
        // Any shift goes towards the top-left (the half-pixel convention above), never away.
        expect(best.dx).toBeLessThanOrEqual(0);
        expect(best.dy).toBeLessThanOrEqual(0);
        expect(meanAbsDiffShifted(framed, pixels, 0, 0)).toBeLessThan(0.12);
        const s = statsOf(framed);
        expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
        expect(s.peak).toBe(1);
      },
    );
  });
});

describe('quantize', () => {
  it('rounds to 2 decimals by default', () => {
    expect(quantize([0, 1, 0.123, 0.456, 0.999, 0.994])).toEqual([0, 1, 0.12, 0.46, 1, 0.99]);
  });

  it('returns a plain array of the same length for a Float32Array', () => {
    const q = quantize(new Float32Array([0.25, 0.75, 0.3333]));
    expect(Array.isArray(q)).toBe(true);
    // Float32 0.25 and 0.75 are exact; 0.3333 → 0.33.
    expect(q).toEqual([0.25, 0.75, 0.33]);
  });

  it('honours other precisions', () => {
    expect(quantize([0.12345, 0.5], 3)).toEqual([0.123, 0.5]);
    expect(quantize([0.44, 0.56], 0)).toEqual([0, 1]);
  });
});
