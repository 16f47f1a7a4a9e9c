/** Side of an MNIST image, in pixels. */
export const MNIST_SIZE = 28;
/** MNIST digits were scaled to fit a box of this side, then centred by mass in 28×28. */
export const MNIST_BOX = 20;

export interface FramedDigit {
  /** [28·28] row-major, 0 = background, 1 = darkest ink. */
  image: Float32Array;
  /** True when there was no ink above the threshold: the image is all zeros. */
  empty: boolean;
}

/**
 * Frames a drawing the way MNIST framed its digits, so a model trained on MNIST sees what it
 * was trained on: crop to the ink's bounding box, scale (area-averaged, aspect kept) so the
 * longer side is 20 px, place it in 28×28 with its centre of mass at the centre, and
 * normalise the peak to 1.
 * @param ink - [height·width] row-major ink intensity in [0, 1]
 * @param threshold - intensity below which a pixel does not count as ink for the bounding box
 */
export function frameDigit(
  ink: ArrayLike<number>,
  width: number,
  height: number,
  threshold = 0.1,
): FramedDigit {
  const image = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return { image, empty: true };

  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const scale = MNIST_BOX / Math.max(bw, bh);
  const dw = Math.max(1, Math.round(bw * scale));
  const dh = Math.max(1, Math.round(bh * scale));
  const box = resampleArea(ink, width, x0, y0, bw, bh, dw, dh);

  // Centre of mass of the scaled box, in its own pixel coordinates (pixel centres at +0.5).
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      const v = box[y * dw + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const half = MNIST_SIZE / 2;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const ox = clamp(Math.round(half - mx / mass), 0, MNIST_SIZE - dw);
  const oy = clamp(Math.round(half - my / mass), 0, MNIST_SIZE - dh);

  let peak = 0;
  for (const v of box) peak = Math.max(peak, v);
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      image[(oy + y) * MNIST_SIZE + ox + x] = box[y * dw + x]! / peak;
    }
  }
  return { image, empty: false };
}

/**
 * Area-weighted resampling of the source rectangle (sx, sy, sw, sh) to dw×dh: each output
 * pixel is the mean of the source over the region it covers, weighted by overlap area.
 */
function resampleArea(
  src: ArrayLike<number>,
  width: number,
  sx: number,
  sy: number,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
): Float32Array {
  const out = new Float32Array(dw * dh);
  const fx = sw / dw;
  const fy = sh / dh;
  for (let j = 0; j < dh; j++) {
    const ya = j * fy;
    const yb = ya + fy;
    for (let i = 0; i < dw; i++) {
      const xa = i * fx;
      const xb = xa + fx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          sum += wx * wy * src[(sy + y) * width + sx + x]!;
        }
      }
      out[j * dw + i] = sum / (fx * fy);
    }
  }
  return out;
}

/** Rounds each pixel to `decimals` places: what a link stores for a drawn digit. */
export function quantize(image: ArrayLike<number>, decimals = 2): number[] {
  const f = 10 ** decimals;
  return Array.from(image, (v) => Math.round(v * f) / f);
}
