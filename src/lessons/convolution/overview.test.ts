import { describe, expect, it } from 'vitest';
import { inputField, readsFrom } from './overview';

describe('what a CNN unit reads', () => {
  it('a conv1 unit reads a 3 × 3 window of the input (clipped at the padding)', () => {
    expect(readsFrom({ layer: 'conv1', channel: 2, y: 5, x: 7 })).toEqual({
      layer: 'input',
      channels: [0],
      rect: { row: 4, col: 6, height: 3, width: 3 },
    });
    expect(readsFrom({ layer: 'conv1', channel: 0, y: 0, x: 0 }).rect).toEqual({
      row: 0,
      col: 0,
      height: 2,
      width: 2,
    });
  });
  it('a conv2 unit reads the same 3 × 3 window in all 8 pool1 maps', () => {
    const r = readsFrom({ layer: 'conv2', channel: 3, y: 6, x: 6 });
    expect(r.layer).toBe('pool1');
    expect(r.channels).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.rect).toEqual({ row: 5, col: 5, height: 3, width: 3 });
  });
  it('a pool unit reads a 2 × 2 window of its own channel', () => {
    expect(readsFrom({ layer: 'pool2', channel: 9, y: 3, x: 1 })).toEqual({
      layer: 'relu2',
      channels: [9],
      rect: { row: 6, col: 2, height: 2, width: 2 },
    });
  });
  it('receptive fields grow through the layers: 3 → 4 → 8 → 10 pixels', () => {
    expect(inputField({ layer: 'conv1', channel: 0, y: 10, x: 10 })).toEqual({
      row: 9,
      col: 9,
      height: 3,
      width: 3,
    });
    expect(inputField({ layer: 'pool1', channel: 0, y: 5, x: 5 })).toEqual({
      row: 9,
      col: 9,
      height: 4,
      width: 4,
    });
    // conv2 (y, x) reads pool1 y−1..y+1 → relu1 2y−2..2y+3 → input 2y−3..2y+4.
    expect(inputField({ layer: 'conv2', channel: 0, y: 6, x: 6 })).toEqual({
      row: 9,
      col: 9,
      height: 8,
      width: 8,
    });
    expect(inputField({ layer: 'pool2', channel: 0, y: 3, x: 3 })).toEqual({
      row: 9,
      col: 9,
      height: 10,
      width: 10,
    });
    expect(inputField({ layer: 'logits', channel: 4, y: 0, x: 0 })).toEqual({
      row: 0,
      col: 0,
      height: 28,
      width: 28,
    });
  });
});
