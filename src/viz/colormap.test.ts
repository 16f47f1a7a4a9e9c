import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/random';
import { colorAt, normalize, paintValues, type ColormapName } from './colormap';

const SCALES: ColormapName[] = ['viridis', 'diverging', 'ink'];

/** The largest |channel difference| between paintValues and colorAt(normalize(v)) per cell. */
function worst(values: number[], range: [number, number], name: ColormapName): number {
  const px = new Uint8ClampedArray(values.length * 4);
  paintValues(px, values, range, name);
  let w = 0;
  values.forEach((v, i) => {
    const exact = colorAt(name, normalize(v, range, name));
    for (let c = 0; c < 3; c++) w = Math.max(w, Math.abs(px[i * 4 + c]! - exact[c]!));
    expect(px[i * 4 + 3]).toBe(255);
  });
  return w;
}

describe('paintValues', () => {
  const rand = seededRandom(7);
  const values = Array.from({ length: 5000 }, () => rand() * 6 - 3);
  it.each(SCALES)('colours like colorAt(normalize(v)) on %s, within one unit of 255', (name) => {
    for (const range of [
      [-3, 3],
      [0, 1],
      [-0.5, 2.5],
    ] as [number, number][])
      expect(worst(values, range, name)).toBeLessThanOrEqual(1);
  });
  it('puts NaN and ±∞ where colorAt does, and clamps values outside the range', () => {
    for (const name of SCALES)
      expect(worst([NaN, Infinity, -Infinity, -10, 10, 0], [-1, 1], name)).toBeLessThanOrEqual(1);
  });
  it('treats a flat range as the bottom of the scale', () => {
    expect(worst([0.5, 0.5, 2], [0.5, 0.5], 'viridis')).toBeLessThanOrEqual(1);
  });
  it('greys masked cells, sets alpha, and maps a diverging scale linearly on request', () => {
    const px = new Uint8ClampedArray(3 * 4);
    paintValues(px, [0, 0.5, 1], [0, 1], 'diverging', {
      alpha: 150,
      linear: true,
      masked: (i) => i === 2,
    });
    // 0 → the purple end, 0.5 → the white middle, cell 2 masked grey.
    expect([...px.slice(0, 3)]).toEqual(colorAt('diverging', 0).map(Math.round));
    expect([...px.slice(4, 7)]).toEqual([247, 247, 247]);
    expect([...px.slice(8, 12)]).toEqual([222, 226, 232, 150]);
    expect(px[3]).toBe(150);
  });
  it('reads a missing value as 0', () => {
    const px = new Uint8ClampedArray(2 * 4);
    paintValues(px, [1], [0, 1], 'viridis');
    expect([...px.slice(4, 7)]).toEqual(colorAt('viridis', 0).map(Math.round));
  });
});
