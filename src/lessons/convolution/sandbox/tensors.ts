/**
 * The sandbox config as tensors. The config accepts 2-D, 3-D or 4-D arrays (see config.ts);
 * here they become [Cin,H,W] input, [Cout,Cin,kH,kW] kernel and [Cout] bias, the one shape
 * every view and the graph use. The kernel keeps this conv2d layout even when `transposed`
 * is on; `graphWeight` converts it to conv_transpose2d's [Cin,Cout,kH,kW] where needed.
 */
import { convOutputSize, convTransposeOutputSize } from '../../../core/conv';
import type { Tensor } from '../../../core/tensor';
import type { SandboxConfig } from '../config';

export interface SandboxTensors {
  input: Tensor; // [Cin, H, W]
  kernel: Tensor; // [Cout, Cin, kH, kW]
  bias: Float32Array; // [Cout]
  inChannels: number;
  outChannels: number;
  /** Rank of the kernel as given: a 2-D or 3-D kernel means one output channel, shown as 2-D. */
  kernelRank: 2 | 3 | 4;
}

const depth = (v: unknown): number => (Array.isArray(v) ? 1 + depth(v[0]) : 0);

export function sandboxTensors(config: SandboxConfig): SandboxTensors {
  const input3 =
    depth(config.input) === 2 ? [config.input as number[][]] : (config.input as number[][][]);
  const rank = depth(config.kernel) as 2 | 3 | 4;
  const kernel4 =
    rank === 2
      ? [[config.kernel as number[][]]]
      : rank === 3
        ? [config.kernel as number[][][]]
        : (config.kernel as number[][][][]);
  const inChannels = input3.length;
  const outChannels = kernel4.length;
  const H = input3[0]!.length;
  const W = input3[0]![0]!.length;
  const kH = kernel4[0]![0]!.length;
  const kW = kernel4[0]![0]![0]!.length;
  const bias = Float32Array.from(
    Array.isArray(config.bias)
      ? config.bias
      : Array.from({ length: outChannels }, () => config.bias as number),
  );
  return {
    input: { data: Float32Array.from(input3.flat(2)), dims: [inChannels, H, W] },
    kernel: { data: Float32Array.from(kernel4.flat(3)), dims: [outChannels, inChannels, kH, kW] },
    bias,
    inChannels,
    outChannels,
    kernelRank: rank,
  };
}

/** The weight as the graph and conv_transpose2d take it: [Cin,Cout,kH,kW] when transposed. */
export function graphWeight(kernel: Tensor, transposed: boolean): Tensor {
  if (!transposed) return kernel;
  const [co, ci, kh, kw] = kernel.dims as [number, number, number, number];
  const out = new Float32Array(kernel.data.length);
  const plane = kh * kw;
  for (let o = 0; o < co; o++) {
    for (let i = 0; i < ci; i++) {
      out.set(
        kernel.data.subarray((o * ci + i) * plane, (o * ci + i + 1) * plane),
        (i * co + o) * plane,
      );
    }
  }
  return { data: out, dims: [ci, co, kh, kw] };
}

/** Output height and width of the convolution (before pooling); ≤ 0 when there is none. */
export function sandboxOutputSize(config: SandboxConfig, t: SandboxTensors): [number, number] {
  const [, H, W] = t.input.dims as [number, number, number];
  const [, , kH, kW] = t.kernel.dims as [number, number, number, number];
  const p = { stride: config.stride, padding: config.padding, dilation: config.dilation };
  const size = config.transposed ? convTransposeOutputSize : convOutputSize;
  return [size(H, kH, p), size(W, kW, p)];
}

/** Number of animation steps: one per output cell of the convolution (at least 1). */
export function sandboxStepCount(config: SandboxConfig): number {
  const t = sandboxTensors(config);
  const [ho, wo] = sandboxOutputSize(config, t);
  return Math.max(1, t.outChannels * Math.max(0, ho) * Math.max(0, wo));
}

/** The graph spec (src/runtime/graph/conv.ts) for a sandbox config: shapes and attributes only. */
export function sandboxGraphSpec(config: SandboxConfig, t: SandboxTensors) {
  const [, H, W] = t.input.dims as [number, number, number];
  const [, , kH, kW] = t.kernel.dims as [number, number, number, number];
  // A pooling window larger than the conv output pools nothing: the graph leaves it out.
  const [ho, wo] = sandboxOutputSize(config, t);
  const poolFits = Math.min(ho, wo) >= config.poolSize;
  return {
    inChannels: t.inChannels,
    outChannels: t.outChannels,
    height: H,
    width: W,
    kernelH: kH,
    kernelW: kW,
    stride: config.stride,
    padding: config.padding,
    dilation: config.dilation,
    transposed: config.transposed,
    activation: config.activation,
    pool: poolFits ? config.pool : ('none' as const),
    poolSize: config.poolSize,
    poolStride: config.poolStride,
  };
}

/** The graph's inputs for a sandbox config: x [1,Cin,H,W], w (layout per `transposed`), b [Cout]. */
export function sandboxGraphInputs(
  config: SandboxConfig,
  t: SandboxTensors,
): Record<string, Tensor> {
  return {
    x: { data: t.input.data, dims: [1, ...t.input.dims] },
    w: graphWeight(t.kernel, config.transposed),
    b: { data: t.bias, dims: [t.outChannels] },
  };
}

/** Nested arrays of a [C,H,W] tensor: [H][W] rows when `flat` (one channel shown as 2-D), else [C][H][W]. */
export function toNested(t: Tensor, flat: boolean): number[][] | number[][][] {
  const [c, h, w] = t.dims.slice(-3) as [number, number, number];
  const channels = Array.from({ length: c }, (_, ci) =>
    Array.from({ length: h }, (_, y) =>
      Array.from(t.data.subarray((ci * h + y) * w, (ci * h + y + 1) * w)),
    ),
  );
  return flat && c === 1 ? channels[0]! : channels;
}
