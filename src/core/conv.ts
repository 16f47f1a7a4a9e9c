/**
 * Convolution, transposed convolution, pooling and activations — PyTorch semantics — plus
 * the step generators the convolution lesson animates.
 *
 * One source of truth: conv2d, conv2dSteps and convUnitStep all evaluate every output cell
 * with the same `correlateAt` (a stride/dilation cross-correlation over an already padded
 * grid), so the numbers in the animation are bitwise the numbers of the full result. The
 * transposed convolution is computed directly from PyTorch's definition in
 * convTranspose2d; convTranspose2dSteps shows it as a stride-1 convolution over an expanded
 * grid, and the tests check that both agree exactly and both match PyTorch.
 *
 * Sums are accumulated in float64 (JS numbers) and stored in Float32Array, like the
 * models' float32 outputs. Layouts are PyTorch's, without the batch axis.
 */
import type { Tensor } from './tensor';
import { sizeOf } from './tensor';

/** Stride, zero padding and dilation, the same for height and width. */
export interface ConvParams {
  stride: number;
  padding: number;
  dilation: number;
}

/** Pooling output size, no padding, floor mode: ⌊(n − k)/s⌋ + 1, or 0 when the window does not fit. */
export function poolOutputSize(n: number, k: number, s: number): number {
  return n < k ? 0 : Math.floor((n - k) / s) + 1;
}

/**
 * Output length of a convolution along one axis (PyTorch conv2d):
 * floor((n + 2p − d(k−1) − 1) / s) + 1. It is ≤ 0 when the dilated kernel, which spans
 * d(k−1)+1 cells, is wider than the padded input n + 2p.
 * @param n - input length
 * @param k - kernel length
 */
export function convOutputSize(n: number, k: number, p: ConvParams): number {
  return Math.floor((n + 2 * p.padding - p.dilation * (k - 1) - 1) / p.stride) + 1;
}

/**
 * Output length of a transposed convolution along one axis (PyTorch conv_transpose2d,
 * output_padding 0): (n−1)s − 2p + d(k−1) + 1. It is ≤ 0 when the padding crops away
 * everything.
 * @param n - input length
 * @param k - kernel length
 */
export function convTransposeOutputSize(n: number, k: number, p: ConvParams): number {
  return (n - 1) * p.stride - 2 * p.padding + p.dilation * (k - 1) + 1;
}

// ---------------------------------------------------------------------------- validation

function fail(op: string, message: string): never {
  throw new Error(`${op}: ${message}`);
}

/** Checks a tensor's rank and that its data length matches its dims; returns the dims. */
function dimsOf(op: string, name: string, t: Tensor, rank: number): number[] {
  if (t.dims.length !== rank) {
    fail(op, `${name} must have ${rank} dims, got [${t.dims.join(', ')}]`);
  }
  if (t.data.length !== sizeOf(t.dims)) {
    fail(op, `${name} has ${t.data.length} values but dims [${t.dims.join(', ')}]`);
  }
  if (t.dims.some((d) => !Number.isInteger(d) || d < 1)) {
    fail(op, `${name} dims must be positive integers, got [${t.dims.join(', ')}]`);
  }
  return [...t.dims];
}

function checkParams(op: string, p: ConvParams): void {
  if (!Number.isInteger(p.stride) || p.stride < 1) {
    fail(op, `stride must be an integer ≥ 1, got ${p.stride}`);
  }
  if (!Number.isInteger(p.dilation) || p.dilation < 1) {
    fail(op, `dilation must be an integer ≥ 1, got ${p.dilation}`);
  }
  if (!Number.isInteger(p.padding) || p.padding < 0) {
    fail(op, `padding must be an integer ≥ 0, got ${p.padding}`);
  }
}

function checkBias(op: string, bias: ArrayLike<number> | null, cout: number): void {
  if (bias !== null && bias.length !== cout) {
    fail(op, `bias has ${bias.length} values but there are ${cout} output channels`);
  }
}

interface ConvShape {
  cin: number;
  h: number;
  w: number;
  cout: number;
  kH: number;
  kW: number;
  outH: number;
  outW: number;
}

/** Validates conv2d arguments (weight [Cout, Cin, kH, kW]) and returns the sizes. */
function conv2dShape(
  op: string,
  input: Tensor,
  weight: Tensor,
  bias: ArrayLike<number> | null,
  p: ConvParams,
): ConvShape {
  checkParams(op, p);
  const [cin, h, w] = dimsOf(op, 'input [Cin, H, W]', input, 3) as [number, number, number];
  const [cout, wCin, kH, kW] = dimsOf(op, 'weight [Cout, Cin, kH, kW]', weight, 4) as [
    number,
    number,
    number,
    number,
  ];
  if (wCin !== cin) {
    fail(op, `input has ${cin} channels but the weight [Cout, Cin, kH, kW] expects ${wCin}`);
  }
  checkBias(op, bias, cout);
  const outH = convOutputSize(h, kH, p);
  const outW = convOutputSize(w, kW, p);
  if (outH < 1 || outW < 1) {
    const spanH = p.dilation * (kH - 1) + 1;
    const spanW = p.dilation * (kW - 1) + 1;
    fail(
      op,
      `the ${kH}×${kW} kernel (dilation ${p.dilation}, spanning ${spanH}×${spanW}) does not ` +
        `fit the ${h + 2 * p.padding}×${w + 2 * p.padding} padded input ` +
        `(${h}×${w} input, padding ${p.padding}): the output would be ${outH}×${outW}`,
    );
  }
  return { cin, h, w, cout, kH, kW, outH, outW };
}

/** Validates conv_transpose2d arguments (weight [Cin, Cout, kH, kW]) and returns the sizes. */
function convTransposeShape(
  op: string,
  input: Tensor,
  weight: Tensor,
  bias: ArrayLike<number> | null,
  p: ConvParams,
): ConvShape {
  checkParams(op, p);
  const [cin, h, w] = dimsOf(op, 'input [Cin, H, W]', input, 3) as [number, number, number];
  const [wCin, cout, kH, kW] = dimsOf(op, 'weight [Cin, Cout, kH, kW]', weight, 4) as [
    number,
    number,
    number,
    number,
  ];
  if (wCin !== cin) {
    fail(op, `input has ${cin} channels but the weight [Cin, Cout, kH, kW] expects ${wCin}`);
  }
  checkBias(op, bias, cout);
  const outH = convTransposeOutputSize(h, kH, p);
  const outW = convTransposeOutputSize(w, kW, p);
  if (outH < 1 || outW < 1) {
    fail(
      op,
      `padding ${p.padding} crops away the whole ${kH}×${kW}-kernel output of the ${h}×${w} ` +
        `input (stride ${p.stride}, dilation ${p.dilation}): the output would be ${outH}×${outW}`,
    );
  }
  return { cin, h, w, cout, kH, kW, outH, outW };
}

// ---------------------------------------------------------------------------- the one sliding window

/**
 * The multiply-accumulate at one output cell of a cross-correlation over an already padded
 * grid: Σ_{c,ky,kx} grid[c, oy·s + ky·d, ox·s + kx·d] · kernel[co, c, ky, kx] + bias[co],
 * visited in order c, ky, kx. When `cells` is given, each term is pushed to it.
 * @param grid - [Cin, Hg, Wg]
 * @param kernel - [Cout, Cin, kH, kW]
 * @returns the float64 sum (the caller rounds it to float32)
 */
function correlateAt(
  grid: Tensor,
  kernel: Tensor,
  bias: ArrayLike<number> | null,
  stride: number,
  dilation: number,
  co: number,
  oy: number,
  ox: number,
  cells?: WindowCell[],
): number {
  const [cin, hg, wg] = grid.dims as [number, number, number];
  const [, , kH, kW] = kernel.dims as [number, number, number, number];
  let sum = 0;
  for (let c = 0; c < cin; c++) {
    for (let ky = 0; ky < kH; ky++) {
      const y = oy * stride + ky * dilation;
      for (let kx = 0; kx < kW; kx++) {
        const x = ox * stride + kx * dilation;
        const value = grid.data[(c * hg + y) * wg + x]!;
        const weight = kernel.data[((co * cin + c) * kH + ky) * kW + kx]!;
        // A product of two float32 values is exact in float64.
        const product = value * weight;
        sum += product;
        cells?.push({ c, ky, kx, y, x, value, weight, product, sum });
      }
    }
  }
  return sum + (bias?.[co] ?? 0);
}

/** Output size of a cross-correlation over an already padded grid. */
function gridOutputSize(grid: Tensor, kernel: Tensor, stride: number, dilation: number) {
  const p = { stride, padding: 0, dilation };
  return {
    outH: convOutputSize(grid.dims[1]!, kernel.dims[2]!, p),
    outW: convOutputSize(grid.dims[2]!, kernel.dims[3]!, p),
  };
}

/** Every output cell of a cross-correlation over a padded grid: [Cout, Ho, Wo]. */
function correlate(
  grid: Tensor,
  kernel: Tensor,
  bias: ArrayLike<number> | null,
  stride: number,
  dilation: number,
): Tensor {
  const cout = kernel.dims[0]!;
  const { outH, outW } = gridOutputSize(grid, kernel, stride, dilation);
  const data = new Float32Array(cout * outH * outW);
  let i = 0;
  for (let co = 0; co < cout; co++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        data[i++] = correlateAt(grid, kernel, bias, stride, dilation, co, oy, ox);
      }
    }
  }
  return { data, dims: [cout, outH, outW] };
}

/** The same as `correlate`, keeping every window's terms. */
function correlateSteps(
  grid: Tensor,
  kernel: Tensor,
  bias: ArrayLike<number> | null,
  stride: number,
  dilation: number,
): { steps: ConvPositionStep[]; output: Tensor } {
  const cout = kernel.dims[0]!;
  const { outH, outW } = gridOutputSize(grid, kernel, stride, dilation);
  const data = new Float32Array(cout * outH * outW);
  const steps: ConvPositionStep[] = [];
  for (let co = 0; co < cout; co++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const step = correlateStep(grid, kernel, bias, stride, dilation, co, oy, ox);
        data[steps.length] = step.result;
        steps.push(step);
      }
    }
  }
  return { steps, output: { data, dims: [cout, outH, outW] } };
}

function correlateStep(
  grid: Tensor,
  kernel: Tensor,
  bias: ArrayLike<number> | null,
  stride: number,
  dilation: number,
  co: number,
  oy: number,
  ox: number,
): ConvPositionStep {
  const cells: WindowCell[] = [];
  const total = correlateAt(grid, kernel, bias, stride, dilation, co, oy, ox, cells);
  // Rounded to float32 so that `result` is exactly the value stored in the output tensor.
  return { co, oy, ox, cells, bias: bias?.[co] ?? 0, result: Math.fround(total) };
}

// ---------------------------------------------------------------------------- grids

/**
 * The input with `padding` zeros on every side.
 * @param input - [C, H, W]
 * @returns [C, H + 2p, W + 2p]
 */
export function padInput(input: Tensor, padding: number): Tensor {
  const [c, h, w] = input.dims as [number, number, number];
  const hg = h + 2 * padding;
  const wg = w + 2 * padding;
  const data = new Float32Array(c * hg * wg);
  for (let ci = 0; ci < c; ci++) {
    for (let y = 0; y < h; y++) {
      const from = (ci * h + y) * w;
      data.set(input.data.subarray(from, from + w), (ci * hg + y + padding) * wg + padding);
    }
  }
  return { data, dims: [c, hg, wg] };
}

/**
 * The grid a transposed convolution slides over as a stride-1 convolution: the input with
 * (s − 1) zeros inserted between neighbouring cells, then `offsetY`/`offsetX` zeros added on
 * each side (or, when negative, that many cells cropped from each side). Input cell (iy, ix)
 * sits at grid (offsetY + iy·s, offsetX + ix·s).
 * @param input - [C, H, W]
 * @returns [C, (H−1)s + 1 + 2·offsetY, (W−1)s + 1 + 2·offsetX]
 */
function expandInput(input: Tensor, stride: number, offsetY: number, offsetX: number): Tensor {
  const [c, h, w] = input.dims as [number, number, number];
  const hg = (h - 1) * stride + 1 + 2 * offsetY;
  const wg = (w - 1) * stride + 1 + 2 * offsetX;
  const data = new Float32Array(c * hg * wg);
  for (let ci = 0; ci < c; ci++) {
    for (let iy = 0; iy < h; iy++) {
      const y = offsetY + iy * stride;
      if (y < 0 || y >= hg) continue; // cropped
      for (let ix = 0; ix < w; ix++) {
        const x = offsetX + ix * stride;
        if (x < 0 || x >= wg) continue;
        data[(ci * hg + y) * wg + x] = input.data[(ci * h + iy) * w + ix]!;
      }
    }
  }
  return { data, dims: [c, hg, wg] };
}

/**
 * The transposed convolution's weight as the kernel of the equivalent convolution: in/out
 * channels swapped and flipped in both axes, K[co, ci, ky, kx] = W[ci, co, kH−1−ky, kW−1−kx].
 * @param weight - [Cin, Cout, kH, kW] (PyTorch conv_transpose2d layout)
 * @returns [Cout, Cin, kH, kW]
 */
export function flipTransposedWeight(weight: Tensor): Tensor {
  const [cin, cout, kH, kW] = weight.dims as [number, number, number, number];
  const data = new Float32Array(weight.data.length);
  for (let co = 0; co < cout; co++) {
    for (let ci = 0; ci < cin; ci++) {
      for (let ky = 0; ky < kH; ky++) {
        for (let kx = 0; kx < kW; kx++) {
          data[((co * cin + ci) * kH + ky) * kW + kx] =
            weight.data[((ci * cout + co) * kH + (kH - 1 - ky)) * kW + (kW - 1 - kx)]!;
        }
      }
    }
  }
  return { data, dims: [cout, cin, kH, kW] };
}

// ---------------------------------------------------------------------------- convolution

/**
 * 2-D convolution as PyTorch's conv2d (a cross-correlation, groups 1):
 * out[co, oy, ox] = bias[co] + Σ_{ci,ky,kx} in[ci, oy·s − p + ky·d, ox·s − p + kx·d] · W[co, ci, ky, kx],
 * reading 0 outside the input (zero padding).
 * @param input - [Cin, H, W]
 * @param weight - [Cout, Cin, kH, kW]
 * @param bias - [Cout], or null for none
 * @returns [Cout, Ho, Wo] with Ho = convOutputSize(H, kH, p), Wo = convOutputSize(W, kW, p)
 * @throws Error when the output would be empty, channels or bias length mismatch, or params are invalid
 */
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: ArrayLike<number> | null,
  p: ConvParams,
): Tensor {
  conv2dShape('conv2d', input, weight, bias, p);
  return correlate(padInput(input, p.padding), weight, bias, p.stride, p.dilation);
}

/**
 * 2-D transposed convolution as PyTorch's conv_transpose2d (groups 1, output_padding 0):
 * every input cell scatters its value times the kernel into the output,
 * out[co, iy·s − p + ky·d, ix·s − p + kx·d] += in[ci, iy, ix] · W[ci, co, ky, kx], plus bias[co].
 * Computed here as the equivalent gather: for each output cell, the kernel taps whose
 * source row (oy + p − ky·d)/s and column are whole numbers inside the input.
 * @param input - [Cin, H, W]
 * @param weight - [Cin, Cout, kH, kW] (PyTorch layout: input channels first)
 * @param bias - [Cout], or null for none
 * @returns [Cout, Ho, Wo] with Ho = convTransposeOutputSize(H, kH, p), Wo likewise
 * @throws Error when the output would be empty, channels or bias length mismatch, or params are invalid
 */
export function convTranspose2d(
  input: Tensor,
  weight: Tensor,
  bias: ArrayLike<number> | null,
  p: ConvParams,
): Tensor {
  const { cin, h, w, cout, kH, kW, outH, outW } = convTransposeShape(
    'convTranspose2d',
    input,
    weight,
    bias,
    p,
  );
  const { stride: s, padding: pad, dilation: d } = p;
  const data = new Float32Array(cout * outH * outW);
  for (let co = 0; co < cout; co++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let sum = 0;
        for (let ci = 0; ci < cin; ci++) {
          // Taps are visited from the last to the first, the order in which the flipped
          // kernel of convTranspose2dSteps meets them, so both sums round identically.
          for (let ky = kH - 1; ky >= 0; ky--) {
            const ny = oy + pad - ky * d; // = iy·s when this tap reaches output row oy
            if (ny < 0 || ny % s !== 0 || ny / s >= h) continue;
            const iy = ny / s;
            for (let kx = kW - 1; kx >= 0; kx--) {
              const nx = ox + pad - kx * d;
              if (nx < 0 || nx % s !== 0 || nx / s >= w) continue;
              const ix = nx / s;
              sum +=
                input.data[(ci * h + iy) * w + ix]! *
                weight.data[((ci * cout + co) * kH + ky) * kW + kx]!;
            }
          }
        }
        data[(co * outH + oy) * outW + ox] = sum + (bias?.[co] ?? 0);
      }
    }
  }
  return { data, dims: [cout, outH, outW] };
}

// ---------------------------------------------------------------------------- step generators

/** One term of a window's multiply-accumulate. */
export interface WindowCell {
  /** input channel */
  c: number;
  /** kernel position */
  ky: number;
  kx: number;
  /** position in the step grid (the padded input, or for transposed the expanded input) */
  y: number;
  x: number;
  /** grid value there (0 in padding) */
  value: number;
  /** kernel weight used */
  weight: number;
  /** value × weight */
  product: number;
  /** running sum of products up to and including this cell */
  sum: number;
}

/** The whole multiply-accumulate of one output cell. */
export interface ConvPositionStep {
  /** output channel and position */
  co: number;
  oy: number;
  ox: number;
  /** in order c, ky, kx */
  cells: WindowCell[];
  bias: number;
  /** Σ products + bias, rounded to float32 — equals output[co, oy, ox] exactly */
  result: number;
}

/** Everything the sliding-window animation draws, as plain data. */
export interface ConvSteps {
  /** [Cin, Hg, Wg]: the padded input (conv) or the stride-expanded, padded input (transposed) */
  grid: Tensor;
  /**
   * Padding added around the (expanded) input in `grid`, 0 if cropped. For a transposed
   * convolution with a non-square kernel the two axes differ; this is the height's, and
   * `inputOffset` has both.
   */
  gridPadding: number;
  /** [Cout, Cin, kH, kW] as applied on the grid (for transposed: flipped, channels swapped) */
  kernel: Tensor;
  /** stride of the window on the grid (1 for transposed) */
  stride: number;
  dilation: number;
  /** one per output cell: co-major, then row-major */
  steps: ConvPositionStep[];
  /** [Cout, Ho, Wo], equal to conv2d / convTranspose2d */
  output: Tensor;
  /** The input the grid was built from, [Cin, H, W]. */
  input: Tensor;
  /**
   * Grid position of input cell (0, 0): the padding for conv; d(k−1) − p per axis for
   * transposed (negative when the grid is cropped, so that cell is not on the grid).
   */
  inputOffset: { y: number; x: number };
  /** Grid distance between neighbouring input cells: 1 for conv, the stride for transposed. */
  inputSpacing: number;
}

/**
 * Every window of conv2d, for the sliding-window animation: the padded grid, and for each
 * output cell (co-major, then row-major) every product and running sum.
 * Cell (c, ky, kx) of the step at (co, oy, ox) reads grid[c, oy·s + ky·d, ox·s + kx·d].
 * @param input - [Cin, H, W]
 * @param weight - [Cout, Cin, kH, kW]
 * @param bias - [Cout], or null
 * @returns grid [Cin, H+2p, W+2p], kernel = weight, output [Cout, Ho, Wo] equal to conv2d
 * @throws Error as conv2d
 */
export function conv2dSteps(
  input: Tensor,
  weight: Tensor,
  bias: ArrayLike<number> | null,
  p: ConvParams,
): ConvSteps {
  conv2dShape('conv2dSteps', input, weight, bias, p);
  const grid = padInput(input, p.padding);
  const { steps, output } = correlateSteps(grid, weight, bias, p.stride, p.dilation);
  return {
    grid,
    gridPadding: p.padding,
    kernel: weight,
    stride: p.stride,
    dilation: p.dilation,
    steps,
    output,
    input,
    inputOffset: { y: p.padding, x: p.padding },
    inputSpacing: 1,
  };
}

/**
 * conv_transpose2d shown as a stride-1 convolution: over the input with (s−1) zeros
 * between cells, padded by d(k−1)−p on each side (cropped when negative), with the kernel
 * flipped in both axes and its in/out channels swapped (flipTransposedWeight). This works
 * because output row oy receives W[·, ·, ky] · in[iy] exactly when oy = iy·s − p + ky·d,
 * i.e. when grid row oy + (k−1−ky)·d holds in[iy]. Its output equals convTranspose2d exactly.
 * @param input - [Cin, H, W]
 * @param weight - [Cin, Cout, kH, kW] (PyTorch layout)
 * @param bias - [Cout], or null
 * @returns grid [Cin, (H−1)s+1+2q, (W−1)s+1+2q] with q = d(k−1)−p, kernel [Cout, Cin, kH, kW],
 *   stride 1, output [Cout, Ho, Wo]
 * @throws Error as convTranspose2d
 */
export function convTranspose2dSteps(
  input: Tensor,
  weight: Tensor,
  bias: ArrayLike<number> | null,
  p: ConvParams,
): ConvSteps {
  const { kH, kW } = convTransposeShape('convTranspose2dSteps', input, weight, bias, p);
  const offsetY = p.dilation * (kH - 1) - p.padding;
  const offsetX = p.dilation * (kW - 1) - p.padding;
  const grid = expandInput(input, p.stride, offsetY, offsetX);
  const kernel = flipTransposedWeight(weight);
  const { steps, output } = correlateSteps(grid, kernel, bias, 1, p.dilation);
  return {
    grid,
    gridPadding: Math.max(0, offsetY),
    kernel,
    stride: 1,
    dilation: p.dilation,
    steps,
    output,
    input,
    inputOffset: { y: offsetY, x: offsetX },
    inputSpacing: p.stride,
  };
}

/**
 * Where a grid cell of `ConvSteps` comes from: the input cell it holds, or null for a zero
 * added as padding or inserted between cells by a transposed convolution's stride.
 */
export function gridCellSource(
  steps: Pick<ConvSteps, 'input' | 'inputOffset' | 'inputSpacing'>,
  y: number,
  x: number,
): { iy: number; ix: number } | null {
  const ny = y - steps.inputOffset.y;
  const nx = x - steps.inputOffset.x;
  const s = steps.inputSpacing;
  if (ny < 0 || nx < 0 || ny % s !== 0 || nx % s !== 0) return null;
  const iy = ny / s;
  const ix = nx / s;
  if (iy >= steps.input.dims[1]! || ix >= steps.input.dims[2]!) return null;
  return { iy, ix };
}

/**
 * One unit's multiply-accumulate (the network detail view): the step conv2dSteps gives at
 * (co, oy, ox), without computing the other output cells.
 * @param input - [Cin, H, W]
 * @param weight - [Cout, Cin, kH, kW]
 * @param bias - [Cout], or null
 * @throws Error as conv2d, or when (co, oy, ox) is outside the output [Cout, Ho, Wo]
 */
export function convUnitStep(
  input: Tensor,
  weight: Tensor,
  bias: ArrayLike<number> | null,
  p: ConvParams,
  co: number,
  oy: number,
  ox: number,
): ConvPositionStep {
  const { cout, outH, outW } = conv2dShape('convUnitStep', input, weight, bias, p);
  checkPosition('convUnitStep', [co, oy, ox], [cout, outH, outW]);
  return correlateStep(padInput(input, p.padding), weight, bias, p.stride, p.dilation, co, oy, ox);
}

function checkPosition(op: string, at: number[], dims: number[]): void {
  if (at.some((v, i) => !Number.isInteger(v) || v < 0 || v >= dims[i]!)) {
    fail(op, `position [${at.join(', ')}] is outside the output [${dims.join(', ')}]`);
  }
}

// ---------------------------------------------------------------------------- pooling

export type PoolType = 'max' | 'avg';

/** One pooling window. */
export interface PoolStep {
  /** channel and output position */
  c: number;
  oy: number;
  ox: number;
  /** the window's input cells, row-major: input[c, oy·s + i, ox·s + j] */
  cells: { y: number; x: number; value: number }[];
  /** max or mean of the cells, rounded to float32 — equals output[c, oy, ox] */
  result: number;
  /** index into cells of the max (max pool only; the first one on ties; −1 for avg) */
  argmax: number;
}

function poolShape(op: string, input: Tensor, kernel: number, stride: number) {
  const [c, h, w] = dimsOf(op, 'input [C, H, W]', input, 3) as [number, number, number];
  if (!Number.isInteger(kernel) || kernel < 1) {
    fail(op, `kernel must be an integer ≥ 1, got ${kernel}`);
  }
  if (!Number.isInteger(stride) || stride < 1) {
    fail(op, `stride must be an integer ≥ 1, got ${stride}`);
  }
  const outH = poolOutputSize(h, kernel, stride);
  const outW = poolOutputSize(w, kernel, stride);
  if (outH < 1 || outW < 1) {
    fail(op, `the ${kernel}×${kernel} window does not fit the ${h}×${w} input`);
  }
  return { c, h, w, outH, outW };
}

/**
 * The one pooling window evaluation shared by pool2d, pool2dSteps and poolUnitStep.
 * max: the largest cell (first on ties); avg: Σ cells / k² (no padding, so always k² cells).
 */
function poolAt(
  input: Tensor,
  type: PoolType,
  kernel: number,
  stride: number,
  c: number,
  oy: number,
  ox: number,
  cells?: PoolStep['cells'],
): { result: number; argmax: number } {
  const [, h, w] = input.dims as [number, number, number];
  let sum = 0;
  let max = -Infinity;
  let argmax = -1;
  for (let i = 0; i < kernel; i++) {
    const y = oy * stride + i;
    for (let j = 0; j < kernel; j++) {
      const x = ox * stride + j;
      const value = input.data[(c * h + y) * w + x]!;
      const index = i * kernel + j;
      // `argmax === -1` takes the first cell even if it is NaN or −Infinity.
      if (argmax === -1 || value > max) {
        max = value;
        argmax = index;
      }
      sum += value;
      cells?.push({ y, x, value });
    }
  }
  return type === 'max' ? { result: max, argmax } : { result: sum / (kernel * kernel), argmax: -1 };
}

/**
 * 2-D pooling as PyTorch's max_pool2d / avg_pool2d with no padding, dilation 1, floor mode:
 * out[c, oy, ox] = max (or mean) of in[c, oy·s + i, ox·s + j] for 0 ≤ i, j < k.
 * @param input - [C, H, W]
 * @returns [C, Ho, Wo] with Ho = floor((H − k)/s) + 1, Wo = floor((W − k)/s) + 1
 * @throws Error when the window does not fit or kernel/stride are not integers ≥ 1
 */
export function pool2d(input: Tensor, type: PoolType, kernel: number, stride: number): Tensor {
  const { c, outH, outW } = poolShape('pool2d', input, kernel, stride);
  const data = new Float32Array(c * outH * outW);
  let i = 0;
  for (let ci = 0; ci < c; ci++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        data[i++] = poolAt(input, type, kernel, stride, ci, oy, ox).result;
      }
    }
  }
  return { data, dims: [c, outH, outW] };
}

/**
 * Every pooling window (channel-major, then row-major) with its cells, result and argmax.
 * @param input - [C, H, W]
 * @returns steps, and output [C, Ho, Wo] equal to pool2d
 */
export function pool2dSteps(
  input: Tensor,
  type: PoolType,
  kernel: number,
  stride: number,
): { steps: PoolStep[]; output: Tensor } {
  const { c, outH, outW } = poolShape('pool2dSteps', input, kernel, stride);
  const data = new Float32Array(c * outH * outW);
  const steps: PoolStep[] = [];
  for (let ci = 0; ci < c; ci++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const step = poolStep(input, type, kernel, stride, ci, oy, ox);
        data[steps.length] = step.result;
        steps.push(step);
      }
    }
  }
  return { steps, output: { data, dims: [c, outH, outW] } };
}

/**
 * One pooling window (the network detail view): the step pool2dSteps gives at (c, oy, ox).
 * @param input - [C, H, W]
 * @throws Error as pool2d, or when (c, oy, ox) is outside the output [C, Ho, Wo]
 */
export function poolUnitStep(
  input: Tensor,
  type: PoolType,
  kernel: number,
  stride: number,
  c: number,
  oy: number,
  ox: number,
): PoolStep {
  const shape = poolShape('poolUnitStep', input, kernel, stride);
  checkPosition('poolUnitStep', [c, oy, ox], [shape.c, shape.outH, shape.outW]);
  return poolStep(input, type, kernel, stride, c, oy, ox);
}

function poolStep(
  input: Tensor,
  type: PoolType,
  kernel: number,
  stride: number,
  c: number,
  oy: number,
  ox: number,
): PoolStep {
  const cells: PoolStep['cells'] = [];
  const { result, argmax } = poolAt(input, type, kernel, stride, c, oy, ox, cells);
  return { c, oy, ox, cells, result: Math.fround(result), argmax };
}

// ---------------------------------------------------------------------------- activations

export type Activation = 'none' | 'relu' | 'leakyrelu' | 'sigmoid' | 'tanh';

/** Negative slope of leakyrelu, PyTorch's default. */
export const LEAKY_RELU_SLOPE = 0.01;

/**
 * An elementwise activation: none x; relu max(0, x); leakyrelu x if x > 0 else 0.01·x;
 * sigmoid 1 / (1 + e^(−x)); tanh tanh(x).
 */
export function activate(x: number, a: Activation): number {
  switch (a) {
    case 'none':
      return x;
    case 'relu':
      return Math.max(0, x);
    case 'leakyrelu':
      return x > 0 ? x : LEAKY_RELU_SLOPE * x;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
  }
}

/**
 * `activate` on every element.
 * @param data - [n]
 * @returns [n], float32
 */
export function activateAll(data: ArrayLike<number>, a: Activation): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = activate(data[i]!, a);
  return out;
}
