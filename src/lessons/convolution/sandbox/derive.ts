/**
 * Everything the sandbox draws, derived from its config by core's references and step
 * generators (the animation's products and sums), plus the graph spec and inputs that
 * onnxruntime-web runs for the numbers in the output maps.
 */
import {
  activateAll,
  conv2dSteps,
  convTranspose2dSteps,
  gridCellSource,
  pool2dSteps,
  type ConvParams,
  type ConvPositionStep,
  type ConvSteps,
  type PoolStep,
} from '../../../core/conv';
import type { Tensor } from '../../../core/tensor';
import type { ConvGraphSpec } from '../../../runtime/graph/conv';
import type { SandboxConfig } from '../config';
import {
  graphWeight,
  sandboxGraphInputs,
  sandboxGraphSpec,
  sandboxOutputSize,
  sandboxTensors,
  type SandboxTensors,
} from './tensors';

export interface SandboxPool {
  steps: PoolStep[];
  /** [Cout, Hp, Wp] */
  output: Tensor;
}

export interface SandboxModel {
  tensors: SandboxTensors;
  params: ConvParams;
  /** Output height and width of the convolution; ≤ 0 when there is none. */
  outSize: [number, number];
  /** The animation's data (null when there is no output). */
  conv: ConvSteps | null;
  /** The activation applied to the reference output, [Cout, Ho, Wo]. */
  act: Tensor | null;
  /** Pooling of `act` (null without pooling, or when the window does not fit). */
  pool: SandboxPool | null;
  /** Pooled height and width when pooling is on (≤ 0 when the window does not fit). */
  poolSize: [number, number] | null;
  /** One step per output cell (at least 1). */
  stepCount: number;
  /** What onnxruntime-web runs (null when there is no output). */
  job: SandboxJob | null;
}

export interface SandboxJob {
  spec: ConvGraphSpec;
  inputs: Record<string, Tensor>;
}

export function computeSandbox(config: SandboxConfig): SandboxModel {
  const tensors = sandboxTensors(config);
  const params: ConvParams = {
    stride: config.stride,
    padding: config.padding,
    dilation: config.dilation,
  };
  const outSize = sandboxOutputSize(config, tensors);
  const [ho, wo] = outSize;
  if (ho < 1 || wo < 1) {
    return {
      tensors,
      params,
      outSize,
      conv: null,
      act: null,
      pool: null,
      poolSize: null,
      stepCount: 1,
      job: null,
    };
  }
  const weight = graphWeight(tensors.kernel, config.transposed);
  const conv = config.transposed
    ? convTranspose2dSteps(tensors.input, weight, tensors.bias, params)
    : conv2dSteps(tensors.input, tensors.kernel, tensors.bias, params);
  const act: Tensor = {
    data: activateAll(conv.output.data, config.activation),
    dims: conv.output.dims,
  };
  let poolSize: [number, number] | null = null;
  let pool: SandboxPool | null = null;
  if (config.pool !== 'none') {
    poolSize = [
      Math.floor((ho - config.poolSize) / config.poolStride) + 1,
      Math.floor((wo - config.poolSize) / config.poolStride) + 1,
    ];
    if (poolSize[0] >= 1 && poolSize[1] >= 1) {
      pool = pool2dSteps(act, config.pool, config.poolSize, config.poolStride);
    }
  }
  // Without a fitting window the graph would have no pooled output: leave pooling out.
  const spec: ConvGraphSpec = {
    ...sandboxGraphSpec(config, tensors),
    pool: pool ? config.pool : 'none',
  };
  return {
    tensors,
    params,
    outSize,
    conv,
    act,
    pool,
    poolSize,
    stepCount: conv.steps.length,
    job: { spec, inputs: sandboxGraphInputs(config, tensors) },
  };
}

/** What a cell of the animation grid holds: an input value, padding, or an inserted zero. */
export type GridCellKind = 'input' | 'pad' | 'inserted';

/**
 * The kind of grid cell (y, x): input cells come from the input; other cells are zeros —
 * padding outside the input's rows and columns, or (transposed) zeros inserted between them.
 */
export function gridCellKind(conv: ConvSteps, y: number, x: number): GridCellKind {
  if (gridCellSource(conv, y, x)) return 'input';
  const [, h, w] = conv.input.dims as [number, number, number];
  const s = conv.inputSpacing;
  const insideY = y >= conv.inputOffset.y && y <= conv.inputOffset.y + (h - 1) * s;
  const insideX = x >= conv.inputOffset.x && x <= conv.inputOffset.x + (w - 1) * s;
  return insideY && insideX ? 'inserted' : 'pad';
}

/** Per grid cell of one channel's window: 'window' (read), 'gap' (skipped by dilation). */
export function windowCells(
  step: ConvPositionStep,
  conv: ConvSteps,
  c: number,
): { read: Map<number, { weight: number; product: number }>; gap: Set<number> } {
  const wg = conv.grid.dims[2]!;
  const read = new Map<number, { weight: number; product: number }>();
  let y0 = Infinity;
  let y1 = -Infinity;
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const cell of step.cells) {
    if (cell.c !== c) continue;
    read.set(cell.y * wg + cell.x, { weight: cell.weight, product: cell.product });
    y0 = Math.min(y0, cell.y);
    y1 = Math.max(y1, cell.y);
    x0 = Math.min(x0, cell.x);
    x1 = Math.max(x1, cell.x);
  }
  const gap = new Set<number>();
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (!read.has(y * wg + x)) gap.add(y * wg + x);
    }
  }
  return { read, gap };
}

/** Products of one step for one input channel, as a [kH·kW] matrix in kernel layout. */
export function productsOf(step: ConvPositionStep, c: number, kH: number, kW: number) {
  const products = new Float32Array(kH * kW);
  for (const cell of step.cells) if (cell.c === c) products[cell.ky * kW + cell.kx] = cell.product;
  return products;
}

/**
 * The pooling window that holds output cell (c, oy, ox): the first one in pool2dSteps'
 * order, or null when the cell is in none (a stride larger than the window skips cells).
 */
export function poolStepAt(
  pool: SandboxPool,
  size: number,
  stride: number,
  c: number,
  oy: number,
  ox: number,
): PoolStep | null {
  const [, hp, wp] = pool.output.dims as [number, number, number];
  const first = (o: number, n: number) => {
    for (let p = Math.max(0, Math.ceil((o - size + 1) / stride)); p < n; p++) {
      if (p * stride <= o && o < p * stride + size) return p;
      if (p * stride > o) break;
    }
    return -1;
  };
  const py = first(oy, hp);
  const px = first(ox, wp);
  if (py < 0 || px < 0) return null;
  return pool.steps[(c * hp + py) * wp + px] ?? null;
}

/** A kernel slice [kH, kW] of a [Cout, Cin, kH, kW] tensor. */
export function kernelSlice(kernel: Tensor, o: number, i: number): Float32Array {
  const [, cin, kH, kW] = kernel.dims as [number, number, number, number];
  const plane = kH * kW;
  return kernel.data.subarray((o * cin + i) * plane, (o * cin + i + 1) * plane);
}

/** A channel [H, W] of a [C, H, W] (or [1, C, H, W]) tensor. */
export function channelOf(t: Tensor, c: number): Float32Array {
  const [h, w] = t.dims.slice(-2) as [number, number];
  return t.data.subarray(c * h * w, (c + 1) * h * w);
}
