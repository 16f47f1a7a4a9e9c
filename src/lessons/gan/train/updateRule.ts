/**
 * The optimizer's update, shown for one parameter with its real numbers: the walk's
 * "D's gradient and update" and "G's gradient and update" steps. torch.optim semantics, as
 * the train-step graphs compute them (runtime/graph/gan.ts):
 *   SGD:  v ← μ·v + g,   θ ← θ − lr·v            (μ = 0: θ ← θ − lr·g)
 *   Adam: m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²,
 *         m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ),  θ ← θ − lr·m̂ / (√v̂ + ε)
 * The example parameter is the one with the largest |g|. Its inputs (θ, g, the optimizer state
 * before the step, t) are the trainer's own numbers; the update is computed here in float64 and
 * set beside the trainer's float32 result, which a test checks it against.
 */
import type { GanSnapshot } from '../../../store/training';
import { texNum } from '../../../viz/Formula';

/** One tensor of a flat parameter vector (name, shape, offset, size). */
type ParamEntry = NonNullable<GanSnapshot['params']>['layoutG'][number];

export interface OptimizerHyper {
  lr: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
}

interface Common {
  /** Index in the flat parameter vector, and its name (`layer1.weight[3, 0]`). */
  index: number;
  name: string;
  lr: number;
  g: number;
  theta: number;
  /** θ after the step, computed here (float64) from the numbers above. */
  thetaNext: number;
  /** θ after the step as the trainer computed it (float32). */
  thetaTrainer: number;
  /** ‖θ′ − θ‖ over every parameter of the network (the trainer's vectors). */
  stepNorm: number;
  /** Parameters in the network. */
  count: number;
}
export type UpdateExample =
  | (Common & { kind: 'sgd'; momentum: number; bufPrev: number; buf: number })
  | (Common & {
      kind: 'adam';
      beta1: number;
      beta2: number;
      eps: number;
      /** The step number of this update (1 for the first). */
      t: number;
      mPrev: number;
      vPrev: number;
      m: number;
      v: number;
      mHat: number;
      vHat: number;
    });

/** `layer1.weight[3, 0]`: a flat index named by the layout. */
export function paramName(layout: readonly ParamEntry[], index: number): string {
  const e = layout.find((p) => index >= p.offset && index < p.offset + p.size);
  if (!e) return `θ[${index}]`;
  const k = index - e.offset;
  if (e.shape.length === 2) {
    const cols = e.shape[1]!;
    return `${e.name}[${Math.floor(k / cols)}, ${k % cols}]`;
  }
  return `${e.name}[${k}]`;
}

/** The index of the largest |g| (the first of equals). */
export function largestIndex(grad: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < grad.length; i++) if (Math.abs(grad[i]!) > Math.abs(grad[best]!)) best = i;
  return best;
}

function diffNorm(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (b[i]! - a[i]!) ** 2;
  return Math.sqrt(s);
}

export function updateExample(args: {
  kind: 'sgd' | 'adam';
  hyper: OptimizerHyper;
  layout: readonly ParamEntry[];
  /** Parameters before and after the step (the trainer's). */
  theta: Float32Array;
  thetaAfter: Float32Array;
  /** The gradient the step used. */
  grad: Float32Array;
  /** The optimizer state before the step: {m, v} for Adam, {buf} for SGD. */
  state: { m?: Float32Array; v?: Float32Array; buf?: Float32Array };
  /** Adam steps done before this one. */
  t: number;
}): UpdateExample {
  const { kind, hyper, layout, theta, thetaAfter, grad, state } = args;
  const j = largestIndex(grad);
  const g = grad[j]!;
  const common = {
    index: j,
    name: paramName(layout, j),
    lr: hyper.lr,
    g,
    theta: theta[j]!,
    thetaTrainer: thetaAfter[j]!,
    stepNorm: diffNorm(theta, thetaAfter),
    count: theta.length,
  };
  if (kind === 'sgd') {
    const bufPrev = state.buf?.[j] ?? 0;
    const buf = hyper.momentum * bufPrev + g;
    return {
      ...common,
      kind,
      momentum: hyper.momentum,
      bufPrev,
      buf,
      thetaNext: common.theta - hyper.lr * buf,
    };
  }
  const t = args.t + 1;
  const mPrev = state.m?.[j] ?? 0;
  const vPrev = state.v?.[j] ?? 0;
  const m = hyper.beta1 * mPrev + (1 - hyper.beta1) * g;
  const v = hyper.beta2 * vPrev + (1 - hyper.beta2) * g * g;
  const mHat = m / (1 - hyper.beta1 ** t);
  const vHat = v / (1 - hyper.beta2 ** t);
  return {
    ...common,
    kind,
    beta1: hyper.beta1,
    beta2: hyper.beta2,
    eps: hyper.eps,
    t,
    mPrev,
    vPrev,
    m,
    v,
    mHat,
    vHat,
    thetaNext: common.theta - (hyper.lr * mHat) / (Math.sqrt(vHat) + hyper.eps),
  };
}

const D = 4;
/** A factor in a product: negative numbers in parentheses. */
const f = (v: number, digits = D) => (v < 0 ? `(${texNum(v, digits)})` : texNum(v, digits));

/**
 * The update rule as TeX, each line with its numbers: g, the optimizer's state update(s) and
 * θ's new value. `net` names the loss (L_D or L_G).
 */
export function updateTex(ex: UpdateExample, net: 'D' | 'G'): string {
  const lines = [`g &= \\partial L_${net} / \\partial \\theta_j = ${texNum(ex.g, D)}`];
  if (ex.kind === 'sgd') {
    if (ex.momentum === 0)
      lines.push(
        `\\theta_j &\\leftarrow \\theta_j - \\mathrm{lr}\\cdot g`,
        `&= ${texNum(ex.theta, D)} - ${texNum(ex.lr, D)}\\cdot ${f(ex.g)} = ${texNum(ex.thetaNext, D)}`,
      );
    else
      lines.push(
        `v &\\leftarrow \\mu v + g = ${texNum(ex.momentum, D)}\\cdot ${f(ex.bufPrev)} + ${f(ex.g)} = ${texNum(ex.buf, D)}`,
        `\\theta_j &\\leftarrow \\theta_j - \\mathrm{lr}\\cdot v`,
        `&= ${texNum(ex.theta, D)} - ${texNum(ex.lr, D)}\\cdot ${f(ex.buf)} = ${texNum(ex.thetaNext, D)}`,
      );
  } else {
    const b1 = texNum(ex.beta1, D);
    const b2 = texNum(ex.beta2, D);
    lines.push(
      `m &\\leftarrow \\beta_1 m + (1-\\beta_1)\\,g`,
      `&= ${b1}\\cdot ${f(ex.mPrev)} + ${texNum(1 - ex.beta1, D)}\\cdot ${f(ex.g)} = ${texNum(ex.m, D)}`,
      `v &\\leftarrow \\beta_2 v + (1-\\beta_2)\\,g^2`,
      `&= ${b2}\\cdot ${f(ex.vPrev)} + ${texNum(1 - ex.beta2, D)}\\cdot ${f(ex.g)}^2 = ${texNum(ex.v, D)}`,
      `\\hat m &= m / (1-\\beta_1^{\\,t}) = ${f(ex.m)} / (1-${b1}^{${ex.t}}) = ${texNum(ex.mHat, D)}`,
      `\\hat v &= v / (1-\\beta_2^{\\,t}) = ${texNum(ex.v, D)} / (1-${b2}^{${ex.t}}) = ${texNum(ex.vHat, D)}`,
      `\\theta_j &\\leftarrow \\theta_j - \\mathrm{lr}\\cdot \\hat m / (\\sqrt{\\hat v}+\\epsilon)`,
      `&= ${texNum(ex.theta, D)} - ${texNum(ex.lr, D)}\\cdot ${f(ex.mHat)} / (${texNum(Math.sqrt(ex.vHat), D)} + ${texNum(ex.eps, 1)}) = ${texNum(ex.thetaNext, D)}`,
    );
  }
  return ['\\begin{aligned}', lines.join(' \\\\\n'), '\\end{aligned}'].join('\n');
}

/** The update norm, a separate labelled number: ‖Δθ_D‖ = ‖θ_D′ − θ_D‖ = 0.01884. */
export function stepNormTex(ex: UpdateExample, net: 'D' | 'G'): string {
  return `\\lVert \\Delta\\theta_${net} \\rVert = \\lVert \\theta_${net}' - \\theta_${net} \\rVert = ${texNum(ex.stepNorm, D)}`;
}
