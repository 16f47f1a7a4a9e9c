import { describe, expect, it } from 'vitest';
import { backpropConfigSchema, backpropDefaults } from './config';
import { clean, pasteInto, resize } from './edit';

describe('backprop edits', () => {
  it('resize keeps every value that still has a place and gives valid shapes', () => {
    const grown = resize(backpropDefaults, [4, 3, 2]);
    expect(backpropConfigSchema.safeParse(grown).success).toBe(true);
    expect(grown.weights[0]![0]!.slice(0, 3)).toEqual([1, 1, 1]);
    expect(grown.weights[0]).toHaveLength(3);
    expect(grown.weights[1]![0]).toHaveLength(3);
    expect(grown.x).toEqual([1, 2, 3, 0]);
    expect(grown.y).toEqual([1, 0.5]);
    // New weights differ from one another, so hidden neurons are not all alike.
    expect(new Set(grown.weights[0]!.map((r) => r[3])).size).toBeGreaterThan(1);
    const shrunk = resize(grown, [2, 1]);
    expect(shrunk.weights).toEqual([[[1, 1]]]);
    expect(backpropConfigSchema.safeParse(shrunk).success).toBe(true);
  });

  it('pastes a block clipped to the matrix, and cleans float32 noise', () => {
    expect(
      pasteInto(
        [
          [1, 2],
          [3, 4],
        ],
        1,
        1,
        [
          [9, 9],
          [9, 9],
        ],
      ),
    ).toEqual([
      [1, 2],
      [3, 9],
    ]);
    expect(clean(Math.fround(-1.8))).toBe(-1.8);
  });
});
