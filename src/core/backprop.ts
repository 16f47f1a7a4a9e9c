/**
 * A float64 reference for the Basics lesson's backprop view: one training step of a small
 * fully connected network on one sample, every intermediate kept, written out as the
 * chain rule is taught (PyTorch semantics; checked against a PyTorch fixture).
 *
 * Layer l (1-based in the text, 0-based in arrays) computes z_l = W_l a_{l-1} + b_l and
 * a_l = f(z_l), with W_l [out][in] in torch.nn.Linear's layout and a_0 = x; hidden layers use
 * `activation`, the last one `output`. The loss is the mean over the outputs:
 * mse (a − y)², bce −(y log a + (1 − y) log(1 − a)). Backward: δ_L = ∂L/∂a_L · f′(z_L),
 * δ_l = f′(z_l) ⊙ W_{l+1}ᵀ δ_{l+1}, ∂L/∂W_l = δ_l a_{l−1}ᵀ, ∂L/∂b_l = δ_l; then one SGD step
 * W ← W − lr · ∂L/∂W.
 */

export const NET_ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear'] as const;
export type NetActivation = (typeof NET_ACTIVATIONS)[number];
export const NET_LOSSES = ['mse', 'bce'] as const;
export type NetLoss = (typeof NET_LOSSES)[number];

/** A network, its sample and its learning rate (the embed API's backprop fields). */
export interface BackpropNet {
  sizes: readonly number[];
  activation: NetActivation;
  output: NetActivation;
  loss: NetLoss;
  weights: readonly (readonly (readonly number[])[])[];
  biases: readonly (readonly number[])[];
  x: readonly number[];
  y: readonly number[];
  lr: number;
}

/** One training step, one entry per layer after the input. */
export interface BackpropResult {
  z: number[][];
  a: number[][];
  loss: number;
  /** ∂L/∂a of the output layer (what δ_L starts from). */
  dLda: number[];
  dz: number[][];
  dW: number[][][];
  db: number[][];
  weightsAfter: number[][][];
  biasesAfter: number[][];
}

export function activate(f: NetActivation, z: number): number {
  switch (f) {
    case 'relu':
      return z > 0 ? z : 0;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh(z);
    case 'linear':
      return z;
  }
}

/** f′(z), from z and a = f(z) (autograd's: ReLU's derivative at 0 is 0). */
export function activationDerivative(f: NetActivation, z: number, a: number): number {
  switch (f) {
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'sigmoid':
      return a * (1 - a);
    case 'tanh':
      return 1 - a * a;
    case 'linear':
      return 1;
  }
}

/** The activation of layer l (0-based, of `layers` layers after the input). */
export function layerActivation(
  net: Pick<BackpropNet, 'activation' | 'output'>,
  l: number,
  layers: number,
): NetActivation {
  return l === layers - 1 ? net.output : net.activation;
}

/** The forward pass: z and a per layer after the input. */
export function forward(net: Omit<BackpropNet, 'y' | 'lr' | 'loss'>): {
  z: number[][];
  a: number[][];
} {
  const layers = net.sizes.length - 1;
  const z: number[][] = [];
  const a: number[][] = [];
  let prev: readonly number[] = net.x;
  for (let l = 0; l < layers; l++) {
    const f = layerActivation(net, l, layers);
    const zl = net.weights[l]!.map((row, j) =>
      row.reduce((s, w, i) => s + w * prev[i]!, net.biases[l]![j]!),
    );
    const al = zl.map((v) => activate(f, v));
    z.push(zl);
    a.push(al);
    prev = al;
  }
  return { z, a };
}

/** Each output's term of the loss (the loss is their mean). */
export function lossTerms(loss: NetLoss, out: readonly number[], y: readonly number[]): number[] {
  return out.map((p, k) =>
    loss === 'mse' ? (p - y[k]!) ** 2 : -(y[k]! * Math.log(p) + (1 - y[k]!) * Math.log(1 - p)),
  );
}

/** ∂L/∂a for each output: mse 2(a − y)/n, bce (a − y)/(a(1 − a)n). */
export function lossGradient(
  loss: NetLoss,
  out: readonly number[],
  y: readonly number[],
): number[] {
  const n = out.length;
  return out.map((p, k) =>
    loss === 'mse' ? (2 * (p - y[k]!)) / n : (p - y[k]!) / (p * (1 - p) * n),
  );
}

/** One training step: forward, loss, backward, SGD update. */
export function backpropStep(net: BackpropNet): BackpropResult {
  const layers = net.sizes.length - 1;
  const { z, a } = forward(net);
  const out = a[layers - 1]!;
  const terms = lossTerms(net.loss, out, net.y);
  const loss = terms.reduce((s, v) => s + v, 0) / terms.length;
  const dLda = lossGradient(net.loss, out, net.y);
  const dz: number[][] = new Array<number[]>(layers);
  let upstream = dLda;
  for (let l = layers - 1; l >= 0; l--) {
    const f = layerActivation(net, l, layers);
    const d = z[l]!.map((v, j) => upstream[j]! * activationDerivative(f, v, a[l]![j]!));
    dz[l] = d;
    // ∂L/∂a_{l−1} = W_lᵀ δ_l
    upstream = net.weights[l]![0]!.map((_, i) =>
      d.reduce((s, dj, j) => s + net.weights[l]![j]![i]! * dj, 0),
    );
  }
  const dW = dz.map((d, l) => {
    const prev = l === 0 ? net.x : a[l - 1]!;
    return d.map((dj) => prev.map((p) => dj * p));
  });
  const db = dz.map((d) => [...d]);
  const weightsAfter = net.weights.map((m, l) =>
    m.map((row, j) => row.map((w, i) => w - net.lr * dW[l]![j]![i]!)),
  );
  const biasesAfter = net.biases.map((b, l) => b.map((v, j) => v - net.lr * db[l]![j]!));
  return { z, a, loss, dLda, dz, dW, db, weightsAfter, biasesAfter };
}

export const RESULT_FIELDS = [
  'z',
  'a',
  'loss',
  'dz',
  'dW',
  'db',
  'weightsAfter',
  'biasesAfter',
] as const;
export type ResultField = (typeof RESULT_FIELDS)[number];
/** The embed API's answer: the result without dLda. */
export type BackpropAnswer = Pick<BackpropResult, ResultField>;

type Nested = number | readonly Nested[];

/**
 * The largest difference between two results, relative to the size of the numbers
 * (|a − b| / max(1, |b|)), over every field the embed API answers; Infinity when the shapes
 * differ or a number is not finite in one but not the other.
 */
export function resultDifference(a: BackpropAnswer, b: BackpropAnswer): number {
  const walk = (x: Nested, y: Nested): number => {
    if (typeof x === 'number' || typeof y === 'number') {
      if (typeof x !== 'number' || typeof y !== 'number') return Infinity;
      if (!Number.isFinite(x) || !Number.isFinite(y)) return Object.is(x, y) ? 0 : Infinity;
      return Math.abs(x - y) / Math.max(1, Math.abs(y));
    }
    if (x.length !== y.length) return Infinity;
    return x.reduce<number>((m, v, i) => Math.max(m, walk(v, y[i]!)), 0);
  };
  return RESULT_FIELDS.reduce((m, f) => Math.max(m, walk(a[f], b[f])), 0);
}

/** The embed API's answer from a full result. */
export function answerOf(r: BackpropAnswer): BackpropAnswer {
  return {
    z: r.z,
    a: r.a,
    loss: r.loss,
    dz: r.dz,
    dW: r.dW,
    db: r.db,
    weightsAfter: r.weightsAfter,
    biasesAfter: r.biasesAfter,
  };
}
