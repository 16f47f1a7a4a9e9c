/**
 * Activation functions in float64 with the derivative PyTorch's autograd gives, softmax with a
 * temperature, and the chain of derivatives through a deep stack of one-unit layers.
 *
 *   sigmoid σ(x) = 1 / (1 + e^(−x)),           σ′ = σ(1 − σ)
 *   tanh(x),                                    tanh′ = 1 − tanh²
 *   relu max(0, x),                             relu′ = 1 if x > 0 else 0 (0 at x = 0, as autograd)
 *   leaky_relu x if x > 0 else α·x,             1 if x > 0 else α (α at x = 0, as autograd)
 *   gelu x·Φ(x) = ½x(1 + erf(x/√2)) (exact),    Φ(x) + x·φ(x)
 *   softplus log(1 + eˣ) (x if x > 20, as torch), σ(x) (1 if x > 20)
 *   linear x,                                   1
 */

export const ACTIVATION_FNS = [
  'sigmoid',
  'tanh',
  'relu',
  'leaky_relu',
  'gelu',
  'softplus',
  'linear',
] as const;
export type ActivationFn = (typeof ACTIVATION_FNS)[number];

/** LeakyReLU's slope for x < 0, PyTorch's default. */
export const DEFAULT_LEAKY_SLOPE = 0.01;
/** torch.nn.functional.softplus's threshold (beta 1): above it, softplus(x) = x. */
const SOFTPLUS_THRESHOLD = 20;

/** The error function, to double precision: Taylor series near 0, a continued fraction beyond. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 2.5) {
    // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
    let term = a;
    let sum = a;
    const x2 = a * a;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  return Math.sign(x) * (1 - erfcLarge(a));
}

/** erfc(a) for a ≥ 2.5: Lentz's continued fraction e^(−a²)/√π · 1/(a + ½/(a + 1/(a + 3/2/(a + …)))). */
function erfcLarge(a: number): number {
  if (a > 27) return 0;
  const tiny = 1e-300;
  let f = a;
  let c = a;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const an = n / 2;
    d = a + an * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = a + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
}

/** The logistic sigmoid, stable for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** f(x) for one activation (`alpha`: leaky_relu's slope). */
export function activation(fn: ActivationFn, x: number, alpha = DEFAULT_LEAKY_SLOPE): number {
  switch (fn) {
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return Math.tanh(x);
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky_relu':
      return x > 0 ? x : alpha * x;
    case 'gelu':
      return 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'softplus':
      return x > SOFTPLUS_THRESHOLD ? x : Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    case 'linear':
      return x;
  }
}

/** f′(x) as autograd computes it (ReLU's at 0 is 0; LeakyReLU's at 0 is α). */
export function activationGrad(fn: ActivationFn, x: number, alpha = DEFAULT_LEAKY_SLOPE): number {
  switch (fn) {
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(x);
      return 1 - t * t;
    }
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'leaky_relu':
      return x > 0 ? 1 : alpha;
    case 'gelu':
      return (
        0.5 * (1 + erf(x / Math.SQRT2)) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI)
      );
    case 'softplus':
      return x > SOFTPLUS_THRESHOLD ? 1 : sigmoid(x);
    case 'linear':
      return 1;
  }
}

/** The embed API's answer: f and f′ at every x. */
export function activationValues(
  fn: ActivationFn,
  xs: readonly number[],
  alpha = DEFAULT_LEAKY_SLOPE,
): { values: number[]; derivatives: number[] } {
  return {
    values: xs.map((x) => activation(fn, x, alpha)),
    derivatives: xs.map((x) => activationGrad(fn, x, alpha)),
  };
}

/** f and f′ sampled on [lo, hi] (n + 1 points), for drawing. */
export function activationCurves(
  fn: ActivationFn,
  lo: number,
  hi: number,
  alpha = DEFAULT_LEAKY_SLOPE,
  n = 200,
): { value: [number, number][]; slope: [number, number][] } {
  const value: [number, number][] = [];
  const slope: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const x = lo + ((hi - lo) * i) / n;
    value.push([x, activation(fn, x, alpha)]);
    slope.push([x, activationGrad(fn, x, alpha)]);
  }
  return { value, slope };
}

/**
 * softmax(x / T)_i = exp((x_i − max x)/T) / Σ_j exp((x_j − max x)/T), in float64.
 * @param logits - [n]
 * @param temperature - T > 0: small T sharpens towards the largest logit, large T flattens.
 */
export function softmaxT(logits: readonly number[], temperature = 1): number[] {
  const max = Math.max(...logits);
  const e = logits.map((x) => Math.exp((x - max) / temperature));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

/** One layer of a stack: its input z_k, its output a_k = f(z_k), f′(z_k), and Π_{j≤k} f′(z_j). */
export interface DepthLayer {
  z: number;
  a: number;
  grad: number;
  product: number;
}

/**
 * A stack of `depth` one-unit layers with weight 1 and bias 0: a_0 = x, a_k = f(a_{k−1}).
 * By the chain rule ∂a_k/∂x = Π_{j≤k} f′(a_{j−1}): each layer multiplies the gradient by its
 * slope, so sigmoid (f′ ≤ ¼) shrinks it at least fourfold per layer.
 */
export function depthChain(
  fn: ActivationFn,
  x: number,
  depth: number,
  alpha = DEFAULT_LEAKY_SLOPE,
): DepthLayer[] {
  const out: DepthLayer[] = [];
  let a = x;
  let product = 1;
  for (let k = 0; k < depth; k++) {
    const z = a;
    const grad = activationGrad(fn, z, alpha);
    a = activation(fn, z, alpha);
    product *= grad;
    out.push({ z, a, grad, product });
  }
  return out;
}
