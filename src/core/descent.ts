/**
 * Gradient descent on a line fit, in float64, with torch.optim's semantics: the reference
 * every number of the Basics lesson's descent view comes from (tested against PyTorch in
 * models/fixtures/basics_descent.golden.json).
 *
 * The model is ŷ = w·x + b with θ = [w, b]; the residuals are rᵢ = yᵢ − ŷᵢ and
 *   half_sse  J(θ) = ½ Σ rᵢ²       ∇J = [−Σ xᵢ rᵢ, −Σ rᵢ]
 *   mse       J(θ) = (1/n) Σ rᵢ²   ∇J = [−(2/n) Σ xᵢ rᵢ, −(2/n) Σ rᵢ]
 */

export const DESCENT_OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export const DESCENT_OBJECTIVES = ['half_sse', 'mse'] as const;
export type DescentOptimizer = (typeof DESCENT_OPTIMIZERS)[number];
export type DescentObjective = (typeof DESCENT_OBJECTIVES)[number];

/** Adam's ε, as torch.optim.Adam's default. */
export const ADAM_EPS = 1e-8;

export type Vec2 = [number, number];

export interface DescentSetup {
  /** The points' inputs and targets, [n] each. */
  x: readonly number[];
  y: readonly number[];
  /** The start, [w, b]. */
  theta: readonly [number, number];
  /** Learning rate α. */
  lr: number;
  /** Number of updates. */
  steps: number;
  objective: DescentObjective;
  optimizer: DescentOptimizer;
  /** SGD's momentum μ (optimizer "momentum"; dampening 0, no Nesterov). */
  momentum: number;
  /** Adam's β₁ and β₂. */
  beta1: number;
  beta2: number;
}

/**
 * The optimizer's state after one update, per parameter [w, b]:
 * momentum: the buffer v (v₁ = g₁, then vₖ = μ·vₖ₋₁ + gₖ); the update is α·v.
 * adam: m, v (running means of g and g²), their bias-corrected m̂ = m/(1 − β₁ᵏ) and
 * v̂ = v/(1 − β₂ᵏ), and the direction u = m̂/(√v̂ + ε); the update is α·u (torch computes it as
 * (α/(1 − β₁ᵏ))·m / (√v/√(1 − β₂ᵏ) + ε), the same number up to rounding).
 */
export type DescentState =
  | { kind: 'sgd' }
  | { kind: 'momentum'; buf: Vec2 }
  | { kind: 'adam'; m: Vec2; v: Vec2; mHat: Vec2; vHat: Vec2; dir: Vec2 };

export interface DescentRun {
  /** [steps + 1][2]: θ₀ (the start) … θ_steps. */
  thetas: Vec2[];
  /** [steps + 1]: J at each row of thetas. */
  losses: number[];
  /** [steps][2]: ∇J at the start of each update (row k − 1 is ∇J(θₖ₋₁)). */
  grads: Vec2[];
  /** [steps]: the optimizer's state after each update. */
  states: DescentState[];
  /** The first row of thetas whose loss or θ is ±∞ or NaN (null when all are finite). */
  overflowAt: number | null;
}

/** ŷᵢ = w·xᵢ + b for each point, [n]. */
export function predictLine(x: readonly number[], [w, b]: readonly [number, number]): number[] {
  return x.map((xi) => w * xi + b);
}

/** J(θ) for the objective (½ Σ r² or mean r²). */
export function lineLoss(
  x: readonly number[],
  y: readonly number[],
  [w, b]: readonly [number, number],
  objective: DescentObjective,
): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const r = y[i]! - (w * x[i]! + b);
    s += r * r;
  }
  return objective === 'half_sse' ? 0.5 * s : s / x.length;
}

/** ∇J(θ) = [∂J/∂w, ∂J/∂b] for the objective (see the module comment). */
export function lineGrad(
  x: readonly number[],
  y: readonly number[],
  [w, b]: readonly [number, number],
  objective: DescentObjective,
): Vec2 {
  let sx = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const r = y[i]! - (w * x[i]! + b);
    sx += x[i]! * r;
    s += r;
  }
  const c = objective === 'half_sse' ? 1 : 2 / x.length;
  return [-c * sx, -c * s];
}

/**
 * Runs `steps` updates from θ₀ as torch.optim would (SGD, SGD with momentum, Adam), recording
 * θ, J, ∇J and the optimizer state at every step. The run goes on past an overflow (as PyTorch
 * would, into ∞ and NaN); `overflowAt` says where the numbers stopped being finite.
 */
export function descend(setup: DescentSetup): DescentRun {
  const { x, y, lr, steps, objective, optimizer, momentum, beta1, beta2 } = setup;
  let theta: Vec2 = [setup.theta[0], setup.theta[1]];
  const thetas: Vec2[] = [theta];
  const losses: number[] = [lineLoss(x, y, theta, objective)];
  const grads: Vec2[] = [];
  const states: DescentState[] = [];
  let buf: Vec2 | null = null;
  let m: Vec2 = [0, 0];
  let v: Vec2 = [0, 0];
  for (let k = 1; k <= steps; k++) {
    const g = lineGrad(x, y, theta, objective);
    grads.push(g);
    let next: Vec2;
    if (optimizer === 'sgd') {
      next = [theta[0] - lr * g[0], theta[1] - lr * g[1]];
      states.push({ kind: 'sgd' });
    } else if (optimizer === 'momentum') {
      // torch: the buffer is a copy of the first gradient, then μ·buf + (1 − dampening)·g.
      buf = buf === null ? [g[0], g[1]] : [momentum * buf[0] + g[0], momentum * buf[1] + g[1]];
      next = [theta[0] - lr * buf[0], theta[1] - lr * buf[1]];
      states.push({ kind: 'momentum', buf });
    } else {
      m = [beta1 * m[0] + (1 - beta1) * g[0], beta1 * m[1] + (1 - beta1) * g[1]];
      v = [beta2 * v[0] + (1 - beta2) * g[0] * g[0], beta2 * v[1] + (1 - beta2) * g[1] * g[1]];
      const bc1 = 1 - beta1 ** k;
      const bc2 = 1 - beta2 ** k;
      const stepSize = lr / bc1;
      const at = (i: 0 | 1) =>
        theta[i] - (stepSize * m[i]) / (Math.sqrt(v[i]) / Math.sqrt(bc2) + ADAM_EPS);
      next = [at(0), at(1)];
      const mHat: Vec2 = [m[0] / bc1, m[1] / bc1];
      const vHat: Vec2 = [v[0] / bc2, v[1] / bc2];
      const dir: Vec2 = [
        mHat[0] / (Math.sqrt(vHat[0]) + ADAM_EPS),
        mHat[1] / (Math.sqrt(vHat[1]) + ADAM_EPS),
      ];
      states.push({ kind: 'adam', m, v, mHat, vHat, dir });
    }
    theta = next;
    thetas.push(theta);
    losses.push(lineLoss(x, y, theta, objective));
  }
  const bad = thetas.findIndex(
    (t, i) => !Number.isFinite(losses[i]!) || !Number.isFinite(t[0]) || !Number.isFinite(t[1]),
  );
  return { thetas, losses, grads, states, overflowAt: bad < 0 ? null : bad };
}

/**
 * The largest learning rate for which plain gradient descent on this quadratic J does not
 * diverge: 2/λ_max, with λ_max the largest eigenvalue of the (constant) Hessian
 * half_sse: [[Σx², Σx], [Σx, n]]; mse: (2/n) times that. Above it every step overshoots the
 * valley further than the last.
 */
export function sgdLrLimit(x: readonly number[], objective: DescentObjective): number {
  const n = x.length;
  const c = objective === 'half_sse' ? 1 : 2 / n;
  const a = c * x.reduce((s, v) => s + v * v, 0);
  const b = c * x.reduce((s, v) => s + v, 0);
  const d = c * n;
  const lambda = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b);
  return 2 / lambda;
}

/** The least-squares line (the bottom of J), or null when every x is the same. */
export function bestLine(x: readonly number[], y: readonly number[]): Vec2 | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  if (!(sxx > 1e-12 * Math.max(1, mx * mx))) return null;
  const w = sxy / sxx;
  return [w, my - w * mx];
}

/**
 * Whether the shown run is diverging: J at its end is above J at the start and has grown in
 * each of the last (up to) three steps — or it overflowed.
 */
export function isDiverging(losses: readonly number[], overflowAt: number | null): boolean {
  if (overflowAt !== null) return true;
  const n = losses.length;
  if (n < 3) return false;
  const last = Math.min(3, n - 1);
  for (let i = n - last; i < n; i++) if (!(losses[i]! > losses[i - 1]!)) return false;
  return losses[n - 1]! > losses[0]!;
}

/**
 * J over a grid of θ: [rows·cols] row-major, row 0 at the top (b = b₁), column 0 at the left
 * (w = w₀); cell centres at w₀ + (c + ½)·Δw, b₁ − (r + ½)·Δb.
 */
export function lossGrid(
  x: readonly number[],
  y: readonly number[],
  objective: DescentObjective,
  w: readonly [number, number],
  b: readonly [number, number],
  cols: number,
  rows: number,
): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const bb = b[1] - ((r + 0.5) / rows) * (b[1] - b[0]);
    for (let c = 0; c < cols; c++) {
      const ww = w[0] + ((c + 0.5) / cols) * (w[1] - w[0]);
      out[r * cols + c] = lineLoss(x, y, [ww, bb], objective);
    }
  }
  return out;
}
