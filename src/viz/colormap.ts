/**
 * Colour scales readable by colour-blind viewers: viridis for values ≥ 0, purple–white–orange
 * (PuOr) for signed values centred on 0, and a light "ink" scale for input images.
 */
export type ColormapName = 'viridis' | 'diverging' | 'ink';

type Rgb = readonly [number, number, number];

const hex = (h: string): Rgb => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
];

const STOPS: Record<ColormapName, readonly Rgb[]> = {
  viridis: [
    '#440154',
    '#472d7b',
    '#3b528b',
    '#2c728e',
    '#21918c',
    '#28ae80',
    '#5ec962',
    '#addc30',
    '#fde725',
  ].map(hex),
  diverging: ['#2d004b', '#5e3c99', '#b2abd2', '#f7f7f7', '#fdb863', '#e66101', '#7f3b08'].map(hex),
  ink: ['#ffffff', '#0b1f3a'].map(hex),
};

/** Colour at t ∈ [0, 1] on a scale (clamped), as [r, g, b] 0–255. */
export function colorAt(name: ColormapName, t: number): Rgb {
  const stops = STOPS[name];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export function cssColor(name: ColormapName, t: number): string {
  const [r, g, b] = colorAt(name, t);
  return `rgb(${Math.round(r)} ${Math.round(g)} ${Math.round(b)})`;
}

/** Maps a value to t ∈ [0, 1] for a range; a diverging scale centres 0 at t = 0.5. */
export function normalize(
  value: number,
  [lo, hi]: readonly [number, number],
  name: ColormapName,
): number {
  if (name === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return 0.5 + value / (2 * m);
  }
  return hi > lo ? (value - lo) / (hi - lo) : 0;
}

/** Levels of the lookup tables `paintValues` uses (a step of 1/1023: under a 0–255 unit). */
const LUT_LEVELS = 1024;
const luts = new Map<ColormapName, Uint8ClampedArray>();

/** [r, g, b] for t = i / (LUT_LEVELS − 1), built once per scale. */
function lutOf(name: ColormapName): Uint8ClampedArray {
  let lut = luts.get(name);
  if (!lut) {
    lut = new Uint8ClampedArray(LUT_LEVELS * 3);
    for (let i = 0; i < LUT_LEVELS; i++) lut.set(colorAt(name, i / (LUT_LEVELS - 1)), i * 3);
    luts.set(name, lut);
  }
  return lut;
}

/**
 * Colours a whole matrix into RGBA pixels (an ImageData's `data`, one cell per pixel; a missing
 * value counts as 0) as `colorAt(normalize(v))` would, through a lookup table: the views that
 * repaint on every input (feature maps, attention matrices, D's heatmap) colour tens of
 * thousands of cells per update.
 * @param masked - cells to paint grey instead (e.g. the causal mask's −∞)
 * @param linear - map `range` linearly onto the whole scale even when it is diverging (a
 *   field of probabilities whose middle, 0.5, is the scale's middle)
 */
export function paintValues(
  pixels: Uint8ClampedArray,
  values: ArrayLike<number>,
  range: readonly [number, number],
  name: ColormapName,
  {
    alpha = 255,
    masked,
    linear = false,
  }: { alpha?: number; masked?: (i: number) => boolean; linear?: boolean } = {},
): void {
  const lut = lutOf(name);
  // t = v·scale + offset, as `normalize` computes it.
  const [lo, hi] = range;
  let scale = 0;
  let offset = 0;
  if (name === 'diverging' && !linear) {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    scale = 1 / (2 * m);
    offset = 0.5;
  } else if (hi > lo) {
    scale = 1 / (hi - lo);
    offset = -lo / (hi - lo);
  }
  const top = LUT_LEVELS - 1;
  const cells = pixels.length / 4;
  for (let i = 0; i < cells; i++) {
    const p = i * 4;
    if (masked?.(i)) {
      pixels[p] = 222;
      pixels[p + 1] = 226;
      pixels[p + 2] = 232;
    } else {
      const t = (values[i] ?? 0) * scale + offset;
      // As colorAt: clamped to [0, 1], and NaN or ±∞ at the bottom of the scale.
      const k = !(t > 0) || t === Infinity ? 0 : (t < 1 ? Math.round(t * top) : top) * 3;
      pixels[p] = lut[k]!;
      pixels[p + 1] = lut[k + 1]!;
      pixels[p + 2] = lut[k + 2]!;
    }
    pixels[p + 3] = alpha;
  }
}

/** [−m, m] with m the largest |value| (1 when all are 0): a diverging scale centred on 0. */
export function symmetricRange([lo, hi]: readonly [number, number]): [number, number] {
  const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  return [-m, m];
}

/** A CSS linear-gradient showing the whole scale, for legends. */
export function gradientCss(name: ColormapName): string {
  const n = 12;
  const parts = Array.from({ length: n + 1 }, (_, i) => cssColor(name, i / n));
  return `linear-gradient(to right, ${parts.join(', ')})`;
}
