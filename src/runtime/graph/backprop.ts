/**
 * The Basics lesson's backprop train step: one SGD step of a small fully connected network on
 * one sample, built with reverse-mode autodiff (./autodiff.ts), every intermediate the view
 * shows a named output.
 *
 * Inputs: `x` [1, n₀], `y` [1, n_L], per layer l = 1 … L the weight `W{l}` [n_l, n_{l−1}]
 * (torch.nn.Linear's layout) and bias `b{l}` [n_l], and the learning rate `lr` (a scalar).
 * Outputs, per layer: `z{l}`, `a{l}` [1, n_l]; `loss` (a scalar); `dz{l}` [1, n_l];
 * `dW{l}`, `db{l}`; `W{l}_after`, `b{l}_after` (θ − lr·∂L/∂θ). The numbers are inputs, so
 * editing a weight reruns the same session; only the sizes, activations and loss make a new
 * graph (a new `key`).
 *
 * Losses are means over the outputs: mse (a − y)²; bce −(y log a + (1 − y) log(1 − a)),
 * written with log σ(±z) when the output is a sigmoid (the same value, and no log 0 when σ
 * saturates in float32).
 */
import type { BackpropAnswer, BackpropNet, NetActivation, NetLoss } from '../../core/backprop';
import type { Tensor } from '../../core/tensor';
import { Autodiff, type Val } from './autodiff';

export interface BackpropGraphSpec {
  sizes: readonly number[];
  activation: NetActivation;
  output: NetActivation;
  loss: NetLoss;
}

export interface BackpropGraph {
  key: string;
  bytes: Uint8Array;
  /** Output names with their dims. */
  outputs: { name: string; dims: number[] }[];
}

function act(ad: Autodiff, f: NetActivation, z: Val, name: string): Val {
  switch (f) {
    case 'relu':
      return ad.relu(z, name);
    case 'sigmoid':
      return ad.sigmoid(z, name);
    case 'tanh':
      return ad.tanh(z, name);
    case 'linear':
      return z;
  }
}

export function backpropGraph(spec: BackpropGraphSpec): BackpropGraph {
  const { sizes, activation, output, loss } = spec;
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`backprop graph: sizes [${sizes.join(', ')}] must be ≥ 2 positive integers`);
  const key = `backprop:${sizes.join('-')}:${activation}:${output}:${loss}`;
  const ad = new Autodiff(`glassbox_${key.replace(/[:-]/g, '_')}`);
  const layers = sizes.length - 1;
  const x = ad.input('x', [1, sizes[0]!]);
  const y = ad.input('y', [1, sizes[layers]!]);
  const ws: Val[] = [];
  const bs: Val[] = [];
  for (let l = 1; l <= layers; l++) {
    ws.push(ad.input(`W${l}`, [sizes[l]!, sizes[l - 1]!]));
    bs.push(ad.input(`b${l}`, [sizes[l]!]));
  }
  const lr = ad.input('lr', []);

  const zs: Val[] = [];
  const as: Val[] = [];
  let h = x;
  for (let l = 1; l <= layers; l++) {
    const z = ad.linear(h, ws[l - 1]!, bs[l - 1], `z${l}`);
    const f = l === layers ? output : activation;
    // A linear activation is z itself; `a{l}` is then an Identity of it, added below.
    h = act(ad, f, z, `a${l}`);
    zs.push(z);
    as.push(h);
  }
  const out = h;
  const zL = zs[layers - 1]!;
  let lossVal: Val;
  if (loss === 'mse') {
    lossVal = ad.mean(ad.square(ad.sub(out, y)), 'loss');
  } else {
    // −(y log a + (1 − y) log(1 − a)); with a = σ(z): log a = log σ(z), log(1 − a) = log σ(−z).
    const logA = output === 'sigmoid' ? ad.logSigmoid(zL) : ad.log(out);
    const log1mA = output === 'sigmoid' ? ad.logSigmoid(ad.neg(zL)) : ad.log(ad.sub(1, out));
    const terms = ad.add(ad.mul(y, logA), ad.mul(ad.sub(1, y), log1mA));
    lossVal = ad.neg(ad.mean(terms), 'loss');
  }
  const grads = ad.grad(lossVal, [...zs, ...ws, ...bs]);
  const dz = grads.slice(0, layers);
  const dW = grads.slice(layers, 2 * layers);
  const db = grads.slice(2 * layers);

  for (let l = 1; l <= layers; l++) {
    ad.output(zs[l - 1]!);
    ad.output(as[l - 1]!, `a${l}`);
  }
  ad.output(lossVal);
  for (let l = 1; l <= layers; l++) {
    ad.output(dz[l - 1]!, `dz${l}`);
    ad.output(dW[l - 1]!, `dW${l}`);
    ad.output(db[l - 1]!, `db${l}`);
  }
  // The update is no part of what is differentiated (PyTorch's optimizer.step()).
  ad.untracked(() => {
    for (let l = 1; l <= layers; l++) {
      ad.output(ad.sub(ws[l - 1]!, ad.mul(dW[l - 1]!, lr), `W${l}_after`));
      ad.output(ad.sub(bs[l - 1]!, ad.mul(db[l - 1]!, lr), `b${l}_after`));
    }
  });
  return { key, bytes: ad.toBytes(), outputs: ad.outputs };
}

/** The graph's inputs for a network, its sample and learning rate. */
export function backpropGraphInputs(net: BackpropNet): Record<string, Tensor> {
  const inputs: Record<string, Tensor> = {
    x: { data: Float32Array.from(net.x), dims: [1, net.x.length] },
    y: { data: Float32Array.from(net.y), dims: [1, net.y.length] },
    lr: { data: Float32Array.of(net.lr), dims: [] },
  };
  net.weights.forEach((m, i) => {
    inputs[`W${i + 1}`] = { data: Float32Array.from(m.flat()), dims: [m.length, m[0]!.length] };
    inputs[`b${i + 1}`] = { data: Float32Array.from(net.biases[i]!), dims: [m.length] };
  });
  return inputs;
}

/** The embed API's answer from the graph's outputs. */
export function backpropAnswerFromOutputs(
  sizes: readonly number[],
  out: Record<string, Tensor>,
): BackpropAnswer {
  const layers = sizes.length - 1;
  const vec = (name: string) => Array.from(out[name]!.data);
  const mat = (name: string, l: number) => {
    const d = out[name]!.data;
    return Array.from({ length: sizes[l]! }, (_, j) =>
      Array.from(d.subarray(j * sizes[l - 1]!, (j + 1) * sizes[l - 1]!)),
    );
  };
  const per = <T>(f: (l: number) => T) => Array.from({ length: layers }, (_, i) => f(i + 1));
  return {
    z: per((l) => vec(`z${l}`)),
    a: per((l) => vec(`a${l}`)),
    loss: out.loss!.data[0]!,
    dz: per((l) => vec(`dz${l}`)),
    dW: per((l) => mat(`dW${l}`, l)),
    db: per((l) => vec(`db${l}`)),
    weightsAfter: per((l) => mat(`W${l}_after`, l)),
    biasesAfter: per((l) => vec(`b${l}_after`)),
  };
}
