/**
 * The descent view's formulas in TeX with the live numbers, e.g. for the widely copied example
 * at step 1:
 *   ∂J/∂w = −Σ xᵢ(yᵢ − ŷᵢ) = −(2·3 + 4·5 + 6·7) = −68
 *   w₁ = w₀ − α·∂J/∂w = 0 − 0.01·(−68) = 0.68
 * Every number comes from core/descent's run; this module only writes them down.
 */
import type { DescentObjective, DescentRun } from '../../../core/descent';
import { texNum } from '../../../viz/Formula';
import type { DescentConfig } from './config';

/** Significant digits of the numbers in formulas. */
const DIGITS = 4;
/** Sums longer than this are written with their first two and last terms around “…”. */
const SHOWN_TERMS = 4;

export const num = (v: number) => texNum(v, DIGITS);
/** A factor: negative numbers in parentheses, as in 0.01·(−68). */
const factor = (v: number) => (v < 0 || Object.is(v, -0) ? `(${num(v)})` : num(v));
const vec = ([a, b]: readonly [number, number]) => `\\left[${num(a)},\\ ${num(b)}\\right]`;

function few(items: string[]): string[] {
  if (items.length <= SHOWN_TERMS) return items;
  return [...items.slice(0, 2), '\\dots', items[items.length - 1]!];
}
const plus = (terms: string[]) => few(terms).join(' + ');

/** The objective's constant in front of Σ: ½ or 1/n for J, 1 or 2/n for ∇J. */
function lossConst(objective: DescentObjective, n: number): string {
  return objective === 'half_sse' ? '\\tfrac{1}{2}' : `\\tfrac{1}{${n}}`;
}
function gradConst(objective: DescentObjective, n: number): string {
  return objective === 'half_sse' ? '' : `\\tfrac{2}{${n}}`;
}

/** rᵢ = yᵢ − (w·xᵢ + b) at θ. */
function residuals(c: DescentConfig, [w, b]: readonly [number, number]): number[] {
  return c.x.map((x, i) => c.y[i]! - (w * x + b));
}

/** Step 0: J at the start, the residuals squared and summed. */
export function startTex(c: DescentConfig, run: DescentRun): string {
  const r = residuals(c, run.thetas[0]!);
  const k = lossConst(c.objective, c.x.length);
  return (
    `J(\\theta_0) = ${k}\\sum_i\\,(y_i - (w_0 x_i + b_0))^2 = ` +
    `${k}\\left(${plus(r.map((v) => `${factor(v)}^2`))}\\right) = ${num(run.losses[0]!)}`
  );
}

/** Step k ≥ 1: the gradient at θₖ₋₁, one line per parameter. */
export function gradTex(c: DescentConfig, run: DescentRun, k: number): string {
  const g = run.grads[k - 1]!;
  const gc = gradConst(c.objective, c.x.length);
  return aligned([
    `\\tfrac{\\partial J}{\\partial w} &= -${gc}\\sum_i x_i\\,(y_i - \\hat y_i) = ${num(g[0])}`,
    `\\tfrac{\\partial J}{\\partial b} &= -${gc}\\sum_i (y_i - \\hat y_i) = ${num(g[1])}`,
  ]);
}

/** The same with each sum written out term by term (ŷᵢ at θₖ₋₁), to check by hand. */
export function gradSumsTex(c: DescentConfig, run: DescentRun, k: number): string {
  const prev = run.thetas[k - 1]!;
  const g = run.grads[k - 1]!;
  const r = residuals(c, prev);
  const gc = gradConst(c.objective, c.x.length);
  const gw = plus(c.x.map((x, i) => `${factor(x)}\\cdot ${factor(r[i]!)}`));
  const gb = plus(r.map(factor));
  return aligned([
    `y_i - \\hat y_i &= ${few(r.map(num)).join(',\\ ')}`,
    `\\tfrac{\\partial J}{\\partial w} &= -${gc}\\left(${gw}\\right) = ${num(g[0])}`,
    `\\tfrac{\\partial J}{\\partial b} &= -${gc}\\left(${gb}\\right) = ${num(g[1])}`,
  ]);
}

/** Step k ≥ 1: the optimizer's update θₖ₋₁ → θₖ with its numbers. */
export function updateTex(c: DescentConfig, run: DescentRun, k: number): string {
  return aligned(updateLines(c, run, k));
}

const aligned = (lines: string[]) => `\\begin{aligned}${lines.join(' \\\\ ')}\\end{aligned}`;

function updateLines(c: DescentConfig, run: DescentRun, k: number): string[] {
  const prev = run.thetas[k - 1]!;
  const next = run.thetas[k]!;
  const g = run.grads[k - 1]!;
  const state = run.states[k - 1]!;
  const a = num(c.lr);
  const p = k - 1;
  switch (state.kind) {
    case 'sgd':
      return (['w', 'b'] as const).map(
        (s, i) =>
          `${s}_{${k}} &= ${s}_{${p}} - \\alpha\\,\\tfrac{\\partial J}{\\partial ${s}} = ${num(prev[i]!)} - ${a}\\cdot ${factor(g[i]!)} = ${num(next[i]!)}`,
      );
    case 'momentum': {
      const before = k > 1 ? run.states[k - 2]! : null;
      const buf =
        before?.kind === 'momentum'
          ? `v_{${k}} &= \\mu\\,v_{${p}} + \\nabla J = ${num(c.momentum)}\\cdot ${vec(before.buf)} + ${vec(g)} = ${vec(state.buf)}`
          : `v_{1} &= \\nabla J(\\theta_0) = ${vec(state.buf)}`;
      return [
        buf,
        `\\theta_{${k}} &= \\theta_{${p}} - \\alpha\\,v_{${k}} = ${vec(prev)} - ${a}\\cdot ${vec(state.buf)} = ${vec(next)}`,
      ];
    }
    case 'adam': {
      return [
        `m_{${k}} &= \\beta_1 m_{${p}} + (1 - \\beta_1)\\,\\nabla J = ${vec(state.m)},\\ \\hat m_{${k}} = \\tfrac{m_{${k}}}{1 - \\beta_1^{${k}}} = ${vec(state.mHat)}`,
        `v_{${k}} &= \\beta_2 v_{${p}} + (1 - \\beta_2)\\,(\\nabla J)^2 = ${vec(state.v)},\\ \\hat v_{${k}} = \\tfrac{v_{${k}}}{1 - \\beta_2^{${k}}} = ${vec(state.vHat)}`,
        `\\theta_{${k}} &= \\theta_{${p}} - \\alpha\\,\\tfrac{\\hat m_{${k}}}{\\sqrt{\\hat v_{${k}}} + \\epsilon} = ${vec(prev)} - ${a}\\cdot ${vec(state.dir)} = ${vec(next)}`,
      ];
    }
  }
}
