import { describe, expect, it } from 'vitest';
import { conv2d, convTranspose2d } from '../../../core/conv';
import { sandboxDefaults, type SandboxConfig } from '../config';
import {
  computeSandbox,
  gridCellKind,
  kernelSlice,
  poolStepAt,
  productsOf,
  windowCells,
} from './derive';
import { graphWeight, sandboxStepCount, sandboxTensors } from './tensors';

const config = (patch: Partial<SandboxConfig>): SandboxConfig => ({ ...sandboxDefaults, ...patch });
const grid5 = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => r * 5 + c));

describe('computeSandbox', () => {
  it('the article example: one position, products 0+2+0+8+0+18+0+32+0 = 60', () => {
    const m = computeSandbox(sandboxDefaults);
    expect(m.outSize).toEqual([1, 1]);
    expect(m.stepCount).toBe(1);
    const step = m.conv!.steps[0]!;
    expect(step.cells.map((c) => c.product)).toEqual([0, 2, 0, 8, 0, 18, 0, 32, 0]);
    expect(step.cells.at(-1)!.sum).toBe(60);
    expect(step.result).toBe(60);
    expect(Array.from(productsOf(step, 0, 3, 3))).toEqual([0, 2, 0, 8, 0, 18, 0, 32, 0]);
    expect(m.job!.spec).toMatchObject({ inChannels: 1, outChannels: 1, height: 3, kernelH: 3 });
  });

  it('has as many steps as sandboxStepCount, and the reference equals conv2d', () => {
    const c = config({ input: grid5, stride: 2, padding: 1, dilation: 2, bias: 0.5 });
    const m = computeSandbox(c);
    expect(m.stepCount).toBe(sandboxStepCount(c));
    expect(m.outSize).toEqual([2, 2]);
    const t = sandboxTensors(c);
    expect(m.conv!.output.data).toEqual(conv2d(t.input, t.kernel, t.bias, m.params).data);
  });

  it('transposed: the reference equals convTranspose2d with the [Cin,Cout] weight', () => {
    const c = config({ input: grid5, stride: 2, padding: 1, transposed: true });
    const m = computeSandbox(c);
    const t = sandboxTensors(c);
    const expected = convTranspose2d(t.input, graphWeight(t.kernel, true), t.bias, m.params);
    expect(m.conv!.output.data).toEqual(expected.data);
    expect(m.outSize).toEqual([9, 9]);
    // The kernel drawn on the grid is flipped.
    expect(Array.from(kernelSlice(m.conv!.kernel, 0, 0))).toEqual([0, 4, 0, 3, 0, 2, 0, 1, 0]);
  });

  it('no output: no steps to draw and nothing to run', () => {
    const m = computeSandbox(config({ input: [[1, 2]], dilation: 3 }));
    expect(m.outSize[0]).toBeLessThan(1);
    expect(m.conv).toBeNull();
    expect(m.job).toBeNull();
    expect(m.stepCount).toBe(1);
  });

  it('activation and pooling follow the reference output', () => {
    const m = computeSandbox(
      config({ input: grid5, kernel: [[1, -1]], activation: 'relu', pool: 'max', poolSize: 2 }),
    );
    expect(m.outSize).toEqual([5, 4]);
    expect(Array.from(m.act!.data).every((v) => v >= 0)).toBe(true);
    expect(m.pool!.output.dims).toEqual([1, 2, 2]);
    expect(m.job!.spec.pool).toBe('max');
  });

  it('a pooling window that does not fit is left out of the graph', () => {
    const m = computeSandbox(config({ pool: 'max', poolSize: 2 }));
    expect(m.poolSize).toEqual([0, 0]);
    expect(m.pool).toBeNull();
    expect(m.job!.spec.pool).toBe('none');
  });
});

describe('grid cells', () => {
  it('conv: padding around the input', () => {
    const m = computeSandbox(config({ padding: 1 }));
    const conv = m.conv!;
    expect(gridCellKind(conv, 0, 0)).toBe('pad');
    expect(gridCellKind(conv, 1, 1)).toBe('input');
    expect(gridCellKind(conv, 3, 3)).toBe('input');
    expect(gridCellKind(conv, 4, 2)).toBe('pad');
  });

  it('transposed: zeros inserted between input cells, padding around', () => {
    const m = computeSandbox(config({ stride: 2, transposed: true }));
    const conv = m.conv!;
    // 3×3 input, stride 2 → 5×5 expanded, padded by d(k−1) − p = 2 → 9×9.
    expect(conv.grid.dims).toEqual([1, 9, 9]);
    expect(gridCellKind(conv, 2, 2)).toBe('input');
    expect(gridCellKind(conv, 2, 3)).toBe('inserted');
    expect(gridCellKind(conv, 3, 3)).toBe('inserted');
    expect(gridCellKind(conv, 2, 4)).toBe('input');
    expect(gridCellKind(conv, 1, 2)).toBe('pad');
    expect(gridCellKind(conv, 2, 7)).toBe('pad');
  });

  it('the window with dilation 2 reads every other cell; the ones between are gaps', () => {
    const m = computeSandbox(config({ input: grid5, dilation: 2 }));
    const conv = m.conv!;
    const { read, gap } = windowCells(conv.steps[0]!, conv, 0);
    expect([...read.keys()].sort((a, b) => a - b)).toEqual([0, 2, 4, 10, 12, 14, 20, 22, 24]);
    expect(gap.size).toBe(25 - 9);
    expect(read.get(2)).toEqual({ weight: 1, product: 2 });
  });
});

describe('poolStepAt', () => {
  it('finds the pooling window that holds an output cell', () => {
    const m = computeSandbox(
      config({ input: grid5, kernel: [[1]], pool: 'max', poolSize: 2, poolStride: 2 }),
    );
    const pool = m.pool!;
    expect(poolStepAt(pool, 2, 2, 0, 0, 0)).toMatchObject({ oy: 0, ox: 0, result: 6 });
    expect(poolStepAt(pool, 2, 2, 0, 3, 2)).toMatchObject({ oy: 1, ox: 1, result: 18 });
    // Row 4 of a 5-row map is in no 2×2 window with stride 2.
    expect(poolStepAt(pool, 2, 2, 0, 4, 0)).toBeNull();
  });

  it('with overlapping windows, the first one in order', () => {
    const m = computeSandbox(
      config({ input: grid5, kernel: [[1]], pool: 'avg', poolSize: 3, poolStride: 1 }),
    );
    expect(poolStepAt(m.pool!, 3, 1, 0, 2, 2)).toMatchObject({ oy: 0, ox: 0 });
    expect(poolStepAt(m.pool!, 3, 1, 0, 4, 4)).toMatchObject({ oy: 2, ox: 2 });
  });
});
