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
