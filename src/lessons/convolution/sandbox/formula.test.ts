import { describe, expect, it } from 'vitest';
import { convOutputSize, convTransposeOutputSize } from '../../../core/conv';
import { axisFormula, poolFormula } from './formula';

describe('output-shape formulas', () => {
  it('writes the conv formula with the numbers', () => {
    const f = axisFormula('H', 5, 3, { stride: 2, padding: 1, dilation: 2 }, false);
    expect(f.general).toBe('⌊(H + 2p − d(k−1) − 1)/s⌋ + 1');
    expect(f.numbers).toBe('⌊(5 + 2·1 − 2·(3−1) − 1)/2⌋ + 1');
    expect(f.value).toBe(2);
    expect(f.empty).toBeUndefined();
  });

  it('writes the transposed formula with the numbers', () => {
    const f = axisFormula('W', 5, 3, { stride: 2, padding: 1, dilation: 2 }, true);
    expect(f.general).toBe('(W−1)s − 2p + d(k−1) + 1');
    expect(f.numbers).toBe('(5−1)·2 − 2·1 + 2·(3−1) + 1');
    expect(f.value).toBe(11);
  });

  it('agrees with core for every size the sandbox allows', () => {
    const wrong: string[] = [];
    for (const transposed of [false, true]) {
      for (let n = 1; n <= 16; n++) {
        for (let k = 1; k <= 7; k++) {
          for (let s = 1; s <= 4; s++) {
            for (let p = 0; p <= 4; p++) {
              for (let d = 1; d <= 4; d++) {
                const params = { stride: s, padding: p, dilation: d };
                const expected = transposed
                  ? convTransposeOutputSize(n, k, params)
                  : convOutputSize(n, k, params);
                const f = axisFormula('H', n, k, params, transposed);
                if (f.value !== expected || (f.empty !== undefined) !== expected <= 0) {
                  wrong.push(`${transposed ? 'T' : 'C'} n${n} k${k} s${s} p${p} d${d}`);
                }
              }
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('explains an empty output with the numbers', () => {
    // A 3-wide kernel with dilation 3 spans 7 cells; 2 + 2·1 = 4 are available.
    expect(axisFormula('H', 2, 3, { stride: 1, padding: 1, dilation: 3 }, false).empty).toEqual({
      kind: 'conv',
      span: 7,
      available: 4,
    });
    // (1−1)·1 + 1·(1−1) + 1 = 1 cell, and padding 1 crops 2.
    expect(axisFormula('H', 1, 1, { stride: 1, padding: 1, dilation: 1 }, true).empty).toEqual({
      kind: 'transposed',
      full: 1,
      cropped: 2,
    });
  });

  it('pooling: ⌊(n − k)/s⌋ + 1', () => {
    const f = poolFormula('H_out', 5, 2, 2);
    expect(f.numbers).toBe('⌊(5 − 2)/2⌋ + 1');
    expect(f.value).toBe(2);
    expect(poolFormula('H_out', 1, 2, 2).value).toBe(0);
  });
});
