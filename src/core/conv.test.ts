import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LEAKY_RELU_SLOPE,
  activate,
  activateAll,
  conv2d,
  conv2dSteps,
  convOutputSize,
  convTranspose2d,
  convTranspose2dSteps,
  convTransposeOutputSize,
  convUnitStep,
  flipTransposedWeight,
  gridCellSource,
  pool2d,
  pool2dSteps,
  poolUnitStep,
} from './conv';
import type { ConvParams, ConvSteps, PoolType } from './conv';
import type { Tensor } from './tensor';
import { maxAbsDiff, sizeOf } from './tensor';

// ---------------------------------------------------------------- data-file cases
// models/fixtures/ops/*.json are written by models/recipes/op_cases.py (PyTorch, float32).
// Each file states its tolerance (1e-5): the recipe checks PyTorch's float32 results are
// within a tenth of it from a float64 computation, and ours accumulate in float64.

interface TensorJson {
  shape: number[];
  data: number[];
}
interface OpCase<A> {
  name: string;
  input: TensorJson;
  weight?: TensorJson;
  bias?: number[] | null;
  attrs: A;
  expected: TensorJson;
}
interface OpFile<A> {
  op: string;
  generatedBy: string;
  tolerance: number;
  cases: OpCase<A>[];
}
interface PoolAttrs {
  type: PoolType;
  kernel: number;
  stride: number;
}

function loadOps<A>(name: string): OpFile<A> {
  const url = new URL(`../../models/fixtures/ops/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as OpFile<A>;
}

const tensor = (t: TensorJson): Tensor => ({ data: Float32Array.from(t.data), dims: t.shape });

const convFile = loadOps<ConvParams>('conv2d');
const transposeFile = loadOps<ConvParams>('conv_transpose2d');
const poolFile = loadOps<PoolAttrs>('pool2d');

/** Largest |ours − PyTorch| over every case of every file, reported at the end. */
let worstDiff = 0;

function expectMatches(actual: Tensor, expected: TensorJson, tolerance: number): void {
  expect(actual.dims).toEqual(expected.shape);
  const diff = maxAbsDiff(actual.data, expected.data);
  worstDiff = Math.max(worstDiff, diff);
  expect(diff).toBeLessThanOrEqual(tolerance);
}

/**
 * Every step's result is the output value it claims, and its cells add up: order c, ky, kx;
 * grid position oy·s + ky·d; value and weight read from the grid and kernel; running sums.
 * Mismatches are collected (per-cell expect() calls would make these tests slow) and
 * compared with [] so a failure lists what went wrong where.
 */
function expectConsistentSteps(s: ConvSteps): void {
  const [cout, outH, outW] = s.output.dims as [number, number, number];
  const [, cin, kH, kW] = s.kernel.dims as [number, number, number, number];
  const [, hg, wg] = s.grid.dims as [number, number, number];
  expect(s.steps).toHaveLength(cout * outH * outW);
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok && problems.length < 20) problems.push(what);
  };
  s.steps.forEach((step, i) => {
    const at = `step ${i} (${step.co}, ${step.oy}, ${step.ox})`;
    // co-major, then row-major
    check(
      step.co === Math.floor(i / (outH * outW)) &&
        step.oy === Math.floor(i / outW) % outH &&
        step.ox === i % outW,
      `${at}: out of order`,
    );
    check(step.result === s.output.data[i], `${at}: result ≠ output`);
    check(step.cells.length === cin * kH * kW, `${at}: ${step.cells.length} cells`);
    let sum = 0;
    step.cells.forEach((cell, j) => {
      const where = `${at} cell ${j}`;
      check(
        cell.c === Math.floor(j / (kH * kW)) &&
          cell.ky === Math.floor(j / kW) % kH &&
          cell.kx === j % kW,
        `${where}: not in order c, ky, kx`,
      );
      check(
        cell.y === step.oy * s.stride + cell.ky * s.dilation &&
          cell.x === step.ox * s.stride + cell.kx * s.dilation,
        `${where}: window position`,
      );
      check(cell.value === s.grid.data[(cell.c * hg + cell.y) * wg + cell.x], `${where}: value`);
      check(
        cell.weight === s.kernel.data[((step.co * cin + cell.c) * kH + cell.ky) * kW + cell.kx],
        `${where}: weight`,
      );
      check(cell.product === cell.value * cell.weight, `${where}: product`);
      sum += cell.product;
      check(cell.sum === sum, `${where}: running sum`);
    });
    // result is the last running sum + bias, rounded to float32 (the output's precision).
    check(step.result === Math.fround(step.cells.at(-1)!.sum + step.bias), `${at}: sum + bias`);
  });
  expect(problems).toEqual([]);
}

/** Grid cells that hold no input value (padding, or zeros inserted by the stride) are 0. */
function expectZerosOffInput(s: ConvSteps): number {
  const [cin, hg, wg] = s.grid.dims as [number, number, number];
  const [, h, w] = s.input.dims as [number, number, number];
  let zeros = 0;
  for (let c = 0; c < cin; c++) {
    for (let y = 0; y < hg; y++) {
      for (let x = 0; x < wg; x++) {
        const v = s.grid.data[(c * hg + y) * wg + x];
        const from = gridCellSource(s, y, x);
        if (from === null) {
          expect(v).toBe(0);
          zeros++;
        } else {
          expect(v).toBe(s.input.data[(c * h + from.iy) * w + from.ix]);
        }
      }
    }
  }
  return zeros;
}

describe(`conv2d data-file cases (${convFile.generatedBy})`, () => {
  it('has the op name and a stated tolerance', () => {
    expect(convFile.op).toBe('conv2d');
    expect(convFile.tolerance).toBeGreaterThan(0);
  });

  it.each(convFile.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const input = tensor(c.input);
    const weight = tensor(c.weight!);
    const [, h, w] = c.input.shape as [number, number, number];
    const [cout, , kH, kW] = c.weight!.shape as [number, number, number, number];
    expect(c.expected.shape).toEqual([
      cout,
      convOutputSize(h, kH, c.attrs),
      convOutputSize(w, kW, c.attrs),
    ]);

    expectMatches(conv2d(input, weight, c.bias ?? null, c.attrs), c.expected, convFile.tolerance);

    const s = conv2dSteps(input, weight, c.bias ?? null, c.attrs);
    expectMatches(s.output, c.expected, convFile.tolerance);
    expect(Array.from(s.output.data)).toEqual(
      Array.from(conv2d(input, weight, c.bias ?? null, c.attrs).data),
    );
    expect(s.grid.dims).toEqual([
      c.input.shape[0],
      h + 2 * c.attrs.padding,
      w + 2 * c.attrs.padding,
    ]);
    expect(s.gridPadding).toBe(c.attrs.padding);
    expect(s.kernel).toBe(weight);
    expect([s.stride, s.dilation]).toEqual([c.attrs.stride, c.attrs.dilation]);
    expectConsistentSteps(s);
    // Padding cells are 0: exactly the border of width p.
    const zeros = expectZerosOffInput(s);
    expect(zeros).toBe(c.input.shape[0]! * (sizeOf(s.grid.dims.slice(1)) - h * w));
    for (const step of s.steps) {
      for (const cell of step.cells) {
        if (gridCellSource(s, cell.y, cell.x) === null) expect(cell.value).toBe(0);
      }
    }
  });
});

describe(`conv_transpose2d data-file cases (${transposeFile.generatedBy})`, () => {
  it('has the op name and a stated tolerance', () => {
    expect(transposeFile.op).toBe('conv_transpose2d');
    expect(transposeFile.tolerance).toBeGreaterThan(0);
  });

  it.each(transposeFile.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const input = tensor(c.input);
    const weight = tensor(c.weight!);
    const [cin, h, w] = c.input.shape as [number, number, number];
    const [, cout, kH, kW] = c.weight!.shape as [number, number, number, number];
    const { stride: st, padding: p, dilation: d } = c.attrs;
    expect(c.expected.shape).toEqual([
      cout,
      convTransposeOutputSize(h, kH, c.attrs),
      convTransposeOutputSize(w, kW, c.attrs),
    ]);

    const direct = convTranspose2d(input, weight, c.bias ?? null, c.attrs);
    expectMatches(direct, c.expected, transposeFile.tolerance);

    const s = convTranspose2dSteps(input, weight, c.bias ?? null, c.attrs);
    expectMatches(s.output, c.expected, transposeFile.tolerance);
    // The stride-1 view gives bitwise the same numbers as the direct computation.
    expect(Array.from(s.output.data)).toEqual(Array.from(direct.data));
    // Grid: (H−1)s + 1 expanded, plus q = d(k−1) − p on each side (negative: cropped).
    const qy = d * (kH - 1) - p;
    const qx = d * (kW - 1) - p;
    expect(s.grid.dims).toEqual([cin, (h - 1) * st + 1 + 2 * qy, (w - 1) * st + 1 + 2 * qx]);
    expect(s.inputOffset).toEqual({ y: qy, x: qx });
    expect(s.inputSpacing).toBe(st);
    expect(s.gridPadding).toBe(Math.max(0, qy));
    expect([s.stride, s.dilation]).toEqual([1, d]);
    expect(s.kernel.dims).toEqual([cout, cin, kH, kW]);
    expectConsistentSteps(s);
    expectZerosOffInput(s);
  });
});

describe(`pool2d data-file cases (${poolFile.generatedBy})`, () => {
  it('has the op name and a stated tolerance', () => {
    expect(poolFile.op).toBe('pool2d');
    expect(poolFile.tolerance).toBeGreaterThan(0);
  });

  it.each(poolFile.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const input = tensor(c.input);
    const { type, kernel: k, stride: st } = c.attrs;
    const [ch, h, w] = c.input.shape as [number, number, number];
    const outH = Math.floor((h - k) / st) + 1;
    const outW = Math.floor((w - k) / st) + 1;
    expect(c.expected.shape).toEqual([ch, outH, outW]);

    const out = pool2d(input, type, k, st);
    expectMatches(out, c.expected, poolFile.tolerance);

    const { steps, output } = pool2dSteps(input, type, k, st);
    expectMatches(output, c.expected, poolFile.tolerance);
    expect(Array.from(output.data)).toEqual(Array.from(out.data));
    expect(steps).toHaveLength(ch * outH * outW);
    steps.forEach((step, i) => {
      expect(step.result).toBe(output.data[i]);
      expect(step.cells).toHaveLength(k * k);
      expect(step.cells[0]).toMatchObject({ y: step.oy * st, x: step.ox * st });
      for (const cell of step.cells) {
        expect(cell.value).toBe(input.data[(step.c * h + cell.y) * w + cell.x]);
      }
      const values = step.cells.map((cell) => cell.value);
      if (type === 'max') {
        // argmax points at the (first) max, and the result is that value.
        expect(step.argmax).toBe(values.indexOf(Math.max(...values)));
        expect(step.result).toBe(step.cells[step.argmax]!.value);
      } else {
        expect(step.argmax).toBe(-1);
      }
      expect(poolUnitStep(input, type, k, st, step.c, step.oy, step.ox)).toEqual(step);
    });
  });
});

// ---------------------------------------------------------------- invariants

const P = (stride = 1, padding = 0, dilation = 1): ConvParams => ({ stride, padding, dilation });

/** Deterministic pseudo-random 2-decimal values in [−1, 1] (a 32-bit LCG). */
function randomTensor(dims: number[], seed: number): Tensor {
  let state = seed >>> 0;
  const data = new Float32Array(sizeOf(dims));
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = ((state >>> 8) % 201) / 100 - 1;
  }
  return { data, dims };
}

describe('the article example', () => {
  const input: Tensor = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), dims: [1, 3, 3] };
  const weight: Tensor = {
    data: Float32Array.from([0, 1, 0, 2, 0, 3, 0, 4, 0]),
    dims: [1, 1, 3, 3],
  };

  it('gives 60 with products [0,2,0,8,0,18,0,32,0]', () => {
    expect(Array.from(conv2d(input, weight, null, P()).data)).toEqual([60]);
    const s = conv2dSteps(input, weight, null, P());
    expect(s.steps).toHaveLength(1);
    const step = s.steps[0]!;
    expect(step.cells.map((c) => c.product)).toEqual([0, 2, 0, 8, 0, 18, 0, 32, 0]);
    expect(step.cells.map((c) => c.sum)).toEqual([0, 2, 2, 10, 10, 28, 28, 60, 60]);
    expect(step.bias).toBe(0);
    expect(step.result).toBe(60);
    expect(convUnitStep(input, weight, null, P(), 0, 0, 0)).toEqual(step);
  });

  it('adds the bias once, after the products', () => {
    const step = conv2dSteps(input, weight, [0.5], P()).steps[0]!;
    expect(step.cells.at(-1)!.sum).toBe(60);
    expect(step.bias).toBe(0.5);
    expect(step.result).toBe(60.5);
  });
});

describe('output size formulas', () => {
  it('follow PyTorch for conv2d', () => {
    expect(convOutputSize(3, 3, P())).toBe(1);
    expect(convOutputSize(28, 5, P(1, 2))).toBe(28);
    expect(convOutputSize(7, 3, P(2, 1))).toBe(4);
    expect(convOutputSize(6, 3, P(2))).toBe(2); // floor drops the last column
    expect(convOutputSize(9, 3, P(1, 4, 4))).toBe(9);
    expect(convOutputSize(3, 5, P())).toBeLessThanOrEqual(0);
  });

  it('follow PyTorch for conv_transpose2d', () => {
    expect(convTransposeOutputSize(2, 2, P(2))).toBe(4);
    expect(convTransposeOutputSize(4, 4, P(2, 1))).toBe(8);
    expect(convTransposeOutputSize(3, 3, P())).toBe(5);
    expect(convTransposeOutputSize(1, 1, P(1, 1))).toBeLessThanOrEqual(0);
  });

  it('make transposed undo the shape of conv for the same params (when no cells are dropped)', () => {
    for (const [n, k, s, p, d] of [
      [7, 3, 2, 1, 1],
      [8, 4, 2, 1, 1],
      [9, 3, 1, 4, 4],
      [13, 5, 2, 4, 2],
    ] as const) {
      const params = P(s, p, d);
      // (n + 2p − d(k−1) − 1) divisible by s: no remainder dropped by floor.
      expect(convTransposeOutputSize(convOutputSize(n, k, params), k, params)).toBe(n);
    }
  });
});

describe('conv2d errors', () => {
  const input = randomTensor([1, 3, 3], 1);

  it('throws an error naming the sizes when the kernel is wider than the padded input', () => {
    const weight = randomTensor([1, 1, 5, 5], 2);
    expect(() => conv2d(input, weight, null, P())).toThrow(Error);
    expect(() => conv2d(input, weight, null, P())).toThrow(/5×5.*3×3/);
    expect(() => conv2dSteps(input, weight, null, P())).toThrow(/5×5.*3×3/);
    expect(() => convUnitStep(input, weight, null, P(), 0, 0, 0)).toThrow(/5×5.*3×3/);
    // Padding 1 makes it fit: 3 + 2 − 5 + 1 = 1.
    expect(conv2d(input, weight, null, P(1, 1)).dims).toEqual([1, 1, 1]);
  });

  it('throws when dilation makes the kernel too wide', () => {
    const weight = randomTensor([1, 1, 2, 2], 2);
    expect(() => conv2d(input, weight, null, P(1, 0, 3))).toThrow(/spanning 4×4/);
  });

  it('throws on a channel mismatch', () => {
    const weight = randomTensor([1, 2, 3, 3], 3);
    expect(() => conv2d(input, weight, null, P())).toThrow(/1 channels.*expects 2/);
    expect(() => convTranspose2d(input, randomTensor([2, 1, 3, 3], 3), null, P())).toThrow(
      /1 channels.*expects 2/,
    );
  });

  it('throws on a wrong bias length, rank or invalid params', () => {
    const weight = randomTensor([2, 1, 3, 3], 4);
    expect(() => conv2d(input, weight, [1], P())).toThrow(/bias has 1 values.*2 output channels/);
    expect(() => conv2d({ data: input.data, dims: [3, 3] }, weight, null, P())).toThrow(/3 dims/);
    expect(() => conv2d(input, weight, null, P(0))).toThrow(/stride/);
    expect(() => conv2d(input, weight, null, P(1, -1))).toThrow(/padding/);
    expect(() => conv2d(input, weight, null, P(1, 0, 1.5))).toThrow(/dilation/);
  });

  it('throws when a transposed convolution is cropped away entirely', () => {
    const weight = randomTensor([1, 1, 1, 1], 5);
    expect(() => convTranspose2d(randomTensor([1, 1, 1], 6), weight, null, P(1, 1))).toThrow(
      /output would be -1×-1/,
    );
  });

  it('throws for a unit outside the output', () => {
    const weight = randomTensor([2, 1, 2, 2], 7);
    expect(() => convUnitStep(input, weight, null, P(), 2, 0, 0)).toThrow(/outside/);
    expect(() => convUnitStep(input, weight, null, P(), 0, 2, 0)).toThrow(/outside/);
  });
});

describe('convUnitStep', () => {
  it('equals the matching step of conv2dSteps at every position', () => {
    const input = randomTensor([2, 7, 6], 11);
    const weight = randomTensor([3, 2, 3, 2], 12);
    const bias = [0.1, -0.2, 0.3];
    for (const params of [P(), P(2, 1), P(1, 2, 2), P(3, 2, 1)]) {
      const s = conv2dSteps(input, weight, bias, params);
      for (const step of s.steps) {
        expect(convUnitStep(input, weight, bias, params, step.co, step.oy, step.ox)).toEqual(step);
      }
    }
  });
});

describe('convTranspose2dSteps', () => {
  it('applies the weight flipped in both axes with in/out channels swapped', () => {
    const weight = randomTensor([2, 3, 3, 2], 21); // [Cin, Cout, kH, kW]
    const s = convTranspose2dSteps(randomTensor([2, 4, 4], 22), weight, null, P(2, 1));
    expect(s.kernel.dims).toEqual([3, 2, 3, 2]); // [Cout, Cin, kH, kW]
    expect(flipTransposedWeight(weight)).toEqual(s.kernel);
    for (let co = 0; co < 3; co++) {
      for (let ci = 0; ci < 2; ci++) {
        for (let ky = 0; ky < 3; ky++) {
          for (let kx = 0; kx < 2; kx++) {
            expect(s.kernel.data[((co * 2 + ci) * 3 + ky) * 2 + kx]).toBe(
              weight.data[((ci * 3 + co) * 3 + (2 - ky)) * 2 + (1 - kx)],
            );
          }
        }
      }
    }
  });

  it('inserts s−1 zeros between input cells and pads by d(k−1)−p', () => {
    const input: Tensor = { data: Float32Array.from([1, 2, 3, 4]), dims: [1, 2, 2] };
    const weight = randomTensor([1, 1, 3, 3], 23);
    const s = convTranspose2dSteps(input, weight, null, P(2, 1));
    // q = 1·(3−1) − 1 = 1; (2−1)·2 + 1 + 2 = 5
    expect(s.gridPadding).toBe(1);
    // prettier-ignore
    expect(Array.from(s.grid.data)).toEqual([
      0, 0, 0, 0, 0,
      0, 1, 0, 2, 0,
      0, 0, 0, 0, 0,
      0, 3, 0, 4, 0,
      0, 0, 0, 0, 0,
    ]);
  });

  it('equals convTranspose2d exactly on random cases, cropped ones included', () => {
    let cases = 0;
    for (const [s, p, d, k] of [
      [1, 0, 1, 3],
      [2, 1, 1, 4],
      [3, 0, 2, 3],
      [2, 3, 1, 3], // q = −1: cropped
      [4, 4, 4, 3],
      [3, 2, 1, 2],
    ] as const) {
      const input = randomTensor([2, 5, 4], 100 + s * 10 + p);
      const weight = randomTensor([2, 3, k, k], 200 + d);
      const bias = [0.25, -0.5, 0.75];
      const params = P(s, p, d);
      const steps = convTranspose2dSteps(input, weight, bias, params);
      expect(Array.from(steps.output.data)).toEqual(
        Array.from(convTranspose2d(input, weight, bias, params).data),
      );
      expectConsistentSteps(steps);
      cases++;
    }
    expect(cases).toBe(6);
  });

  it('is the adjoint of conv2d: ⟨conv2d(x), y⟩ = ⟨x, convTranspose2d(y)⟩ with the same weight', () => {
    // conv2d's weight [Cout, Cin, k, k] read as conv_transpose2d's [Cin', Cout'] maps the
    // conv output space back to its input space; the identity holds when no cell is dropped.
    const x = randomTensor([2, 7, 7], 31);
    const weight = randomTensor([3, 2, 3, 3], 32);
    const params = P(2, 1);
    const cx = conv2d(x, weight, null, params);
    const y = randomTensor([...cx.dims], 33);
    const ty = convTranspose2d(y, weight, null, params);
    expect(ty.dims).toEqual(x.dims);
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      Array.from(a).reduce((acc, v, i) => acc + v * b[i]!, 0);
    expect(Math.abs(dot(cx.data, y.data) - dot(x.data, ty.data))).toBeLessThan(1e-4);
  });
});

describe('pooling', () => {
  it('points argmax at the first maximum on ties', () => {
    const input: Tensor = { data: Float32Array.from([1, 5, 5, 2]), dims: [1, 2, 2] };
    const step = poolUnitStep(input, 'max', 2, 2, 0, 0, 0);
    expect(step.argmax).toBe(1);
    expect(step.result).toBe(5);
    expect(step.cells.map((c) => [c.y, c.x])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  it('averages over k² cells', () => {
    const input: Tensor = { data: Float32Array.from([1, 2, 3, 6]), dims: [1, 2, 2] };
    expect(Array.from(pool2d(input, 'avg', 2, 1).data)).toEqual([3]);
  });

  it('throws when the window does not fit, naming the sizes', () => {
    const input = randomTensor([1, 3, 3], 41);
    expect(() => pool2d(input, 'max', 4, 1)).toThrow(/4×4.*3×3/);
    expect(() => pool2dSteps(input, 'avg', 2, 0)).toThrow(/stride/);
    expect(() => poolUnitStep(input, 'max', 2, 1, 0, 2, 0)).toThrow(/outside/);
  });
});

describe('activations', () => {
  it('computes each activation', () => {
    expect(activate(-2, 'none')).toBe(-2);
    expect(activate(-2, 'relu')).toBe(0);
    expect(activate(3, 'relu')).toBe(3);
    expect(activate(-2, 'leakyrelu')).toBe(-2 * LEAKY_RELU_SLOPE);
    expect(activate(3, 'leakyrelu')).toBe(3);
    expect(activate(0, 'sigmoid')).toBe(0.5);
    expect(Math.abs(activate(2, 'sigmoid') - 0.8807970779778823)).toBeLessThan(1e-12);
    expect(activate(0, 'tanh')).toBe(0);
    expect(Math.abs(activate(1, 'tanh') - 0.7615941559557649)).toBeLessThan(1e-12);
    expect(activate(-1000, 'sigmoid')).toBe(0);
  });

  it('maps whole arrays to float32', () => {
    const out = activateAll([-1, 0, 0.5, 2], 'relu');
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual([0, 0, 0.5, 2]);
    expect(Array.from(activateAll([0.1], 'none'))).toEqual([Math.fround(0.1)]);
  });
});

describe('summary', () => {
  it('reports the largest difference from PyTorch over all data-file cases', () => {
    const cases = convFile.cases.length + transposeFile.cases.length + poolFile.cases.length;
    console.info(`conv.test: ${cases} PyTorch cases, max |ours − PyTorch| = ${worstDiff}`);
    expect(worstDiff).toBeLessThanOrEqual(convFile.tolerance);
  });
});
