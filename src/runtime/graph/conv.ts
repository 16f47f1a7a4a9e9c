/**
 * The convolution sandbox's graph: one Conv (or ConvTranspose), an activation and an optional
 * pooling layer, with the semantics of PyTorch's conv2d / conv_transpose2d (output_padding 0)
 * / max_pool2d / avg_pool2d.
 *
 * The kernel and bias are graph inputs, not initializers: editing a kernel number is a new
 * run of the same session, and only a change of shapes or attributes makes a new graph
 * (a new `key`).
 */
import {
  convOutputSize,
  convTransposeOutputSize,
  LEAKY_RELU_SLOPE,
  poolOutputSize,
  type Activation,
  type PoolType,
} from '../../core/conv';
import { GraphBuilder } from './onnx';

// The activations, the LeakyReLU slope and the output-size formulas are core/'s, so the graph
// and the reference the lesson animates cannot drift apart.
export type ConvActivation = Activation;
export type ConvPool = 'none' | PoolType;

export interface ConvGraphSpec {
  inChannels: number;
  outChannels: number;
  height: number;
  width: number;
  kernelH: number;
  kernelW: number;
  stride: number;
  padding: number;
  dilation: number;
  transposed: boolean;
  activation: ConvActivation;
  pool: ConvPool;
  poolSize: number;
  poolStride: number;
}

export interface ConvGraph {
  /** Equal for specs that build the same graph; the session cache's key. */
  key: string;
  bytes: Uint8Array;
  /** Output dims, [1, C, H, W]; `pool` is null without pooling. */
  outputs: { conv: number[]; act: number[]; pool: number[] | null };
}

const ACTIVATION_OPS: Record<ConvActivation, string> = {
  none: 'Identity',
  relu: 'Relu',
  leakyrelu: 'LeakyRelu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
};

function checkSpec(spec: ConvGraphSpec): void {
  const positive = [
    'inChannels',
    'outChannels',
    'height',
    'width',
    'kernelH',
    'kernelW',
    'stride',
    'dilation',
    'poolSize',
    'poolStride',
  ] as const;
  for (const field of positive) {
    const v = spec[field];
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`conv graph: ${field} must be a positive integer, got ${v}`);
  }
  if (!Number.isInteger(spec.padding) || spec.padding < 0)
    throw new Error(`conv graph: padding must be a non-negative integer, got ${spec.padding}`);
  if (!Object.hasOwn(ACTIVATION_OPS, spec.activation))
    throw new Error(`conv graph: unknown activation "${String(spec.activation)}"`);
  if (!['none', 'max', 'avg'].includes(spec.pool))
    throw new Error(`conv graph: unknown pool "${String(spec.pool)}"`);
}

/**
 * A stable string of everything that shapes the graph. Pool size and stride are left out
 * when there is no pooling, so changing them then keeps the same session.
 */
function keyOf(s: ConvGraphSpec): string {
  const parts = [
    s.transposed ? 'convT' : 'conv',
    `c${s.inChannels}-${s.outChannels}`,
    `in${s.height}x${s.width}`,
    `k${s.kernelH}x${s.kernelW}`,
    `s${s.stride}`,
    `p${s.padding}`,
    `d${s.dilation}`,
    s.activation,
    s.pool === 'none' ? 'nopool' : `${s.pool}pool${s.poolSize}s${s.poolStride}`,
  ];
  return parts.join(':');
}

/**
 * Builds the sandbox graph.
 * Inputs: `x` [1, Cin, H, W]; `w` [Cout, Cin, kH, kW] (Conv) or [Cin, Cout, kH, kW]
 * (ConvTranspose) — PyTorch's layouts, which are also ONNX's; `b` [Cout].
 * Outputs: `conv` (before the activation), `act`, and `pool` when pooling.
 * Throws when an output would be empty, naming the sizes that make it so.
 */
export function convGraph(spec: ConvGraphSpec): ConvGraph {
  checkSpec(spec);
  const { inChannels: cin, outChannels: cout, height: h, width: w } = spec;
  const { kernelH: kh, kernelW: kw, stride, padding, dilation, transposed } = spec;

  const params = { stride, padding, dilation };
  const outputSize = transposed ? convTransposeOutputSize : convOutputSize;
  const oh = outputSize(h, kh, params);
  const ow = outputSize(w, kw, params);
  if (oh < 1 || ow < 1) {
    const what = transposed ? 'transposed convolution' : 'convolution';
    const reach = `a ${kh}×${kw} kernel with dilation ${dilation} spans ${dilation * (kh - 1) + 1}×${dilation * (kw - 1) + 1}`;
    const input = transposed
      ? `a ${h}×${w} input with padding ${padding} and stride ${stride}`
      : `a ${h}×${w} input padded by ${padding} (${h + 2 * padding}×${w + 2 * padding})`;
    throw new Error(`The ${what} output would be empty (${oh}×${ow}): ${reach}, on ${input}.`);
  }
  const convDims = [1, cout, oh, ow];
  let poolDims: number[] | null = null;
  if (spec.pool !== 'none') {
    const ph = poolOutputSize(oh, spec.poolSize, spec.poolStride);
    const pw = poolOutputSize(ow, spec.poolSize, spec.poolStride);
    if (ph < 1 || pw < 1)
      throw new Error(
        `The pooling output would be empty: a ${spec.poolSize}×${spec.poolSize} window does not fit the ${oh}×${ow} convolution output.`,
      );
    poolDims = [1, cout, ph, pw];
  }

  const key = keyOf(spec);
  const g = new GraphBuilder(`glassbox_${key}`);
  g.input('x', [1, cin, h, w]);
  g.input('w', transposed ? [cin, cout, kh, kw] : [cout, cin, kh, kw]);
  g.input('b', [cout]);
  // Every attribute is explicit: ORT infers a missing kernel_shape from the weight, but the
  // WebGPU EP wants it set (DESIGN.md), and explicit pads leave no auto_pad ambiguity.
  const convAttrs = {
    kernel_shape: [kh, kw],
    strides: [stride, stride],
    pads: [padding, padding, padding, padding],
    dilations: [dilation, dilation],
    group: 1,
  };
  if (transposed)
    g.node('ConvTranspose', ['x', 'w', 'b'], ['conv'], { ...convAttrs, output_padding: [0, 0] });
  else g.node('Conv', ['x', 'w', 'b'], ['conv'], convAttrs);
  g.node(
    ACTIVATION_OPS[spec.activation],
    ['conv'],
    ['act'],
    spec.activation === 'leakyrelu' ? { alpha: { float: LEAKY_RELU_SLOPE } } : {},
  );
  g.output('conv', convDims);
  g.output('act', convDims);
  if (poolDims) {
    const poolAttrs = {
      kernel_shape: [spec.poolSize, spec.poolSize],
      strides: [spec.poolStride, spec.poolStride],
      pads: [0, 0, 0, 0],
    };
    g.node(spec.pool === 'max' ? 'MaxPool' : 'AveragePool', ['act'], ['pool'], poolAttrs);
    g.output('pool', poolDims);
  }
  return {
    key,
    bytes: g.toBytes(),
    outputs: { conv: convDims, act: [...convDims], pool: poolDims },
  };
}
