/**
 * Embed API getResult for the sandbox: the convolution's output computed by onnxruntime-web
 * (a Conv/ConvTranspose graph built for this config), plus the activated and pooled maps
 * when those are on. One output channel (a 2-D or 3-D kernel) comes back as number[][].
 */
import { convGraph } from '../../../runtime/graph/conv';
import { runGraph } from '../../../store/runtime';
import type { SandboxConfig } from '../config';
import {
  sandboxGraphInputs,
  sandboxGraphSpec,
  sandboxOutputSize,
  sandboxTensors,
  toNested,
} from './tensors';

export async function sandboxResult(config: SandboxConfig) {
  const t = sandboxTensors(config);
  const [ho, wo] = sandboxOutputSize(config, t);
  if (ho <= 0 || wo <= 0) {
    const [, h, w] = t.input.dims;
    const [, , kh, kw] = t.kernel.dims;
    throw new Error(
      `no output: a ${kh}×${kw} kernel (dilation ${config.dilation}) does not fit the ${h}×${w} input with padding ${config.padding}`,
    );
  }
  const outputs = await runGraph(
    convGraph(sandboxGraphSpec(config, t)),
    sandboxGraphInputs(config, t),
  );
  const flat = t.kernelRank < 4;
  const shapeOf = (dims: readonly number[]) => (flat ? dims.slice(-2) : dims.slice(-3));
  const conv = outputs.conv!;
  return {
    output: toNested(conv, flat),
    outputShape: shapeOf(conv.dims),
    ...(config.activation !== 'none' && outputs.act
      ? { activated: toNested(outputs.act, flat) }
      : {}),
    ...(config.pool !== 'none' && outputs.pool
      ? { pooled: toNested(outputs.pool, flat), pooledShape: shapeOf(outputs.pool.dims) }
      : {}),
  };
}
