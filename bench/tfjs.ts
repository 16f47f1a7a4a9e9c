/**
 * The TensorFlow.js peer: the same architectures with the same weights, run the way the
 * best-known tools of this kind run them (CNN Explainer and GAN Lab use TF.js). Lives in bench/
 * only; nothing here is imported by the app.
 */
import * as tf from '@tensorflow/tfjs-core';
// The gradients tf.train's optimizers need (tfjs-core registers none by itself).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { Tensor } from '../src/core/tensor';
import { allOutputNames, type TransformerSpec } from '../src/runtime/transformer';

export const TF_BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'] as const;
export type TfBackend = (typeof TF_BACKENDS)[number];

setWasmPaths({
  'tfjs-backend-wasm.wasm': new URL(wasmPlain, import.meta.url).href,
  'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, import.meta.url).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreaded, import.meta.url).href,
});

/** Switches TF.js to a backend; false when this browser cannot run it. */
export async function useTfBackend(name: TfBackend): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

const param = (t: Tensor) => tf.tensor(t.data, [...t.dims]);

/**
 * The MNIST CNN (conv3×3(8) → ReLU → maxpool → conv3×3(16) → ReLU → maxpool → dense → softmax)
 * from the ONNX initializers. TF.js is NHWC with [kh, kw, in, out] filters; the dense layer
 * flattens in NCHW order as PyTorch did, so its weights apply unchanged.
 * @returns a function that runs one image [784] and reads back every stage, as the app does
 */
export function tfCnn(weights: Record<string, Tensor>) {
  const w1 = tf.transpose(param(weights['model.conv1.weight']!), [2, 3, 1, 0]);
  const b1 = param(weights['model.conv1.bias']!);
  const w2 = tf.transpose(param(weights['model.conv2.weight']!), [2, 3, 1, 0]);
  const b2 = param(weights['model.conv2.bias']!);
  const wf = tf.transpose(param(weights['model.fc.weight']!));
  const bf = param(weights['model.fc.bias']!);
  const run = async (image: Float32Array): Promise<Float32Array[]> => {
    const outs = tf.tidy(() => {
      const x = tf.tensor4d(image, [1, 28, 28, 1]);
      const conv1 = tf.add(tf.conv2d(x, w1 as tf.Tensor4D, 1, 'same'), b1);
      const relu1 = tf.relu(conv1);
      const pool1 = tf.maxPool(relu1 as tf.Tensor4D, 2, 2, 'valid');
      const conv2 = tf.add(tf.conv2d(pool1, w2 as tf.Tensor4D, 1, 'same'), b2);
      const relu2 = tf.relu(conv2);
      const pool2 = tf.maxPool(relu2 as tf.Tensor4D, 2, 2, 'valid');
      const flat = tf.reshape(tf.transpose(pool2, [0, 3, 1, 2]), [1, 784]);
      const logits = tf.add(tf.matMul(flat, wf as tf.Tensor2D), bf);
      return [conv1, relu1, pool1, conv2, relu2, pool2, logits, tf.softmax(logits)];
    });
    const data = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(outs);
    return data;
  };
  const dispose = () => tf.dispose([w1, b1, w2, b2, wf, bf]);
  return { run, dispose };
}

/** The recipes' LayerNorm epsilon (the graph's LayerNormalization `epsilon` attribute). */
const LN_EPS = 1e-5;

/** LayerNormalization over the last axis, as ONNX defines it (biased variance, eps inside). */
function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), gamma), beta);
}

/**
 * A Glassbox transformer (post-LayerNorm decoder, models/recipes/attn_common.py) from the ONNX
 * initializers. Each linear layer is stored as `<name>.weight_t` [in, out] and `<name>.bias`, so
 * it is one matMul here as in the graph; positions (learned or sinusoidal) are the constant
 * `pos.table`; the logits use `lm.weight_t`, or `tok.weight`ᵀ plus `lm.bias` when tied.
 * Batch 1, so every stage is computed as [T, width].
 * @returns a function that runs T token ids (floats, as the app feeds them) and reads back every
 *   stage the ONNX graph names (`allOutputNames` order: per head q … out, per layer concat …
 *   norm2, logits), as the lesson does
 */
export function tfTransformer(weights: Record<string, Tensor>, spec: TransformerSpec) {
  const T = spec.context;
  const params: tf.Tensor[] = [];
  const keep = <R extends tf.Tensor>(t: R): R => {
    params.push(t);
    return t;
  };
  const w = (name: string): tf.Tensor => {
    const t = weights[name];
    if (!t) throw new Error(`${spec.name}: no initializer ${name}`);
    return keep(param(t));
  };
  const linear = (prefix: string) => ({ w: w(`${prefix}.weight_t`), b: w(`${prefix}.bias`) });
  const tok = w('tok.weight');
  const pos = keep(tf.reshape(w('pos.table'), [T, spec.dModel]));
  const sqrtDk = weights['sqrt_dk'] ? w('sqrt_dk') : keep(tf.scalar(Math.sqrt(spec.dK)));
  // The graph's causal_mask is a bool initializer (readInitializers keeps float32 only).
  const causal = keep(tf.tidy(() => tf.cast(tf.linalg.bandPart(tf.ones([T, T]), -1, 0), 'bool')));
  const negInf = keep(tf.fill([T, T], -Infinity));
  const layers = Array.from({ length: spec.layers }, (_, l) => ({
    heads: Array.from({ length: spec.heads }, (_, h) => ({
      q: linear(`l${l}.h${h}.wq`),
      k: linear(`l${l}.h${h}.wk`),
      v: linear(`l${l}.h${h}.wv`),
    })),
    wo: linear(`l${l}.wo`),
    norm1: { g: w(`l${l}.norm1.gamma`), b: w(`l${l}.norm1.beta`) },
    fc1: linear(`l${l}.fc1`),
    fc2: linear(`l${l}.fc2`),
    norm2: { g: w(`l${l}.norm2.gamma`), b: w(`l${l}.norm2.beta`) },
  }));
  const lmW = weights['lm.weight_t'] ? w('lm.weight_t') : keep(tf.transpose(tok));
  const lmB = w('lm.bias');
  const dense = (x: tf.Tensor, l: { w: tf.Tensor; b: tf.Tensor }) =>
    tf.add(tf.matMul(x as tf.Tensor2D, l.w as tf.Tensor2D), l.b);
  const names = allOutputNames(spec);

  const run = async (tokens: Float32Array): Promise<Record<string, Float32Array>> => {
    const outs = tf.tidy(() => {
      const stages: tf.Tensor[] = [];
      const tokEmb = tf.gather(tok, tf.cast(tf.tensor1d(tokens), 'int32'));
      let x = tf.add(tokEmb, pos);
      stages.push(tokEmb, pos.clone(), x);
      layers.forEach((layer) => {
        const heads = layer.heads.map((head) => {
          const q = dense(x, head.q);
          const k = dense(x, head.k);
          const v = dense(x, head.v);
          const scores = tf.matMul(q as tf.Tensor2D, k as tf.Tensor2D, false, true);
          const scaled = tf.div(scores, sqrtDk);
          const masked = tf.where(causal, scaled, negInf);
          const weights = tf.softmax(masked);
          const out = tf.matMul(weights as tf.Tensor2D, v as tf.Tensor2D);
          stages.push(q, k, v, scores, scaled, masked, weights, out);
          return out;
        });
        const concat = tf.concat(heads, -1);
        const proj = dense(concat, layer.wo);
        const resid1 = tf.add(x, proj);
        const norm1 = layerNorm(resid1, layer.norm1.g, layer.norm1.b, LN_EPS);
        const hidden = tf.relu(dense(norm1, layer.fc1));
        const mlpOut = dense(hidden, layer.fc2);
        const resid2 = tf.add(norm1, mlpOut);
        x = layerNorm(resid2, layer.norm2.g, layer.norm2.b, LN_EPS);
        stages.push(concat, proj, resid1, norm1, hidden, mlpOut, resid2, x);
      });
      stages.push(dense(x, { w: lmW, b: lmB }));
      return stages;
    });
    const data = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(outs);
    return Object.fromEntries(names.map((n, i) => [n, data[i]!]));
  };
  const dispose = () => tf.dispose(params);
  return { run, dispose };
}

/** GAN Lab's model: G and D are MLPs with two hidden ReLU layers; sigmoid on D's output. */
export interface TfGanSpec {
  hidden: number;
  batch: number;
  noiseDim: number;
  lr: number;
}

/**
 * One GAN Lab-style iteration: a D step (Adam, minimax D loss) then a G step (Adam,
 * non-saturating G loss), with fresh noise and a fresh real batch each time, as GAN Lab does.
 */
export function tfGan(spec: TfGanSpec, sampleReal: (n: number) => Float32Array) {
  const dense = (i: number, o: number) => ({
    w: tf.variable(tf.randomNormal([i, o], 0, 1 / Math.sqrt(i))),
    b: tf.variable(tf.zeros([o])),
  });
  const h = spec.hidden;
  const g = [dense(spec.noiseDim, h), dense(h, h), dense(h, 2)];
  const d = [dense(2, h), dense(h, h), dense(h, 1)];
  const mlp = (layers: typeof g, x: tf.Tensor) =>
    layers.reduce(
      (a, l, i) =>
        i < layers.length - 1
          ? tf.relu(tf.add(tf.matMul(a, l.w), l.b))
          : tf.add(tf.matMul(a, l.w), l.b),
      x,
    );
  const optD = tf.train.adam(spec.lr, 0.5);
  const optG = tf.train.adam(spec.lr, 0.5);
  const varsOf = (layers: typeof g) => layers.flatMap((l) => [l.w, l.b]);
  const eps = 1e-7;
  const iterate = (): tf.Scalar => {
    const real = tf.tensor2d(sampleReal(spec.batch), [spec.batch, 2]);
    const z1 = tf.randomNormal([spec.batch, spec.noiseDim]);
    optD.minimize(
      () => {
        const dReal = tf.sigmoid(mlp(d, real));
        const dFake = tf.sigmoid(mlp(d, mlp(g, z1)));
        return tf.neg(
          tf.add(
            tf.mean(tf.log(tf.add(dReal, eps))),
            tf.mean(tf.log(tf.add(tf.sub(1, dFake), eps))),
          ),
        ) as tf.Scalar;
      },
      false,
      varsOf(d),
    );
    const z2 = tf.randomNormal([spec.batch, spec.noiseDim]);
    const lossG = optG.minimize(
      () => tf.neg(tf.mean(tf.log(tf.add(tf.sigmoid(mlp(d, mlp(g, z2))), eps)))) as tf.Scalar,
      true,
      varsOf(g),
    )!;
    tf.dispose([real, z1, z2]);
    return lossG;
  };
  const dispose = () => {
    tf.dispose([...varsOf(g), ...varsOf(d)]);
    optD.dispose();
    optG.dispose();
  };
  return { iterate, dispose };
}

export { tf };
