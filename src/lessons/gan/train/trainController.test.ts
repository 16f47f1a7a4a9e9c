/** The controller's curves: cut back to a restored step, every curve alike. */
import { describe, expect, it } from 'vitest';
import { Curves } from './trainController';

describe('Curves.truncate', () => {
  it('drops the points beyond the restored step from every curve', () => {
    const c = new Curves();
    for (let x = 1; x <= 10; x++) {
      c.push(x, x / 10, 2 * x, 0.6, 0.4);
      if (x % 3 === 0) c.pushDistance(x, 1 / x);
    }
    c.truncate(7);
    expect(c.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const k of ['lossD', 'lossG', 'meanDReal', 'meanDFake'] as const)
      expect(c[k]).toHaveLength(7);
    expect(c.lossG.at(-1)).toBe(14);
    expect(c.swX).toEqual([3, 6]);
    expect(c.sw).toEqual([1 / 3, 1 / 6]);
    // Training on from there appends after the cut.
    c.push(8, 0.5, 1, 0.6, 0.4);
    expect(c.x.slice(-2)).toEqual([7, 8]);
    // Nothing beyond: nothing changes.
    c.truncate(100);
    expect(c.x).toHaveLength(8);
    c.truncate(0);
    expect([c.x, c.lossD, c.swX, c.sw]).toEqual([[], [], [], []]);
  });
});
