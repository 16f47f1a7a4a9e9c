/**
 * The sandbox's step formulas in TeX, with the live numbers of the current output position:
 *   y[i,j] = Σ w·x + b = 0·1 + 1·2 + … + 0 = 60
 *   a = ReLU(y) = ReLU(60) = 60
 *   p = max(a…) = …
 * The numbers are the step generator's own (core's correlateAt), so the formula, the figure
 * and the output map show one set of numbers.
 */
import type { ConvPositionStep, PoolStep } from '../../../core/conv';
import { texNum } from '../../../viz/Formula';
import type { SandboxConfig } from '../config';

/** Terms written out in full up to this many; beyond it the first 3, ⋯, the last 2. */
export const MAX_TERMS = 9;

/** The figure’s cells and the formula show the same numbers, to 4 significant digits. */
export const DIGITS = 4;
const num = (v: number) => texNum(v, DIGITS);
/** A negative factor is written in parentheses: 8·(−1). */
const factor = (v: number) => (v < 0 ? `(${num(v)})` : num(v));
/** `+ b` or `− |b|`. */
const plus = (v: number) => (v < 0 || Object.is(v, -0) ? ` - ${num(-v)}` : ` + ${num(v)}`);

/** The name of output cell (co, oy, ox): y[i,j], or y₂[i,j] when there are several outputs. */
export function outputName(co: number, oy: number, ox: number, channels: number): string {
  return `${channels > 1 ? `y_{${co + 1}}` : 'y'}[${oy},${ox}]`;
}

/** Terms per typeset piece: a long sum wraps between pieces (a phone fits one term). */
const TERMS_PER_PIECE = 1;

/**
 * The current window's sum of products plus the bias, term by term (`outChannels` names the
 * output map when there are several; `inChannels` > 1 sums over the input channels too), as
 * pieces of TeX that read as one formula: `y[i,j] = Σ w·x + b`, `= 0·1 + 1·2 + 0·3`, …, `= 60`.
 */
export function convStepTex(
  step: ConvPositionStep,
  outChannels: number,
  inChannels: number,
): string[] {
  const { co, oy, ox, cells, bias, result } = step;
  const term = (c: { weight: number; value: number }) =>
    `${factor(c.weight)}\\cdot ${factor(c.value)}`;
  const shown =
    cells.length <= MAX_TERMS
      ? cells.map(term)
      : [...cells.slice(0, 3).map(term), '\\cdots', ...cells.slice(-2).map(term)];
  const sigma = inChannels > 1 ? '\\sum_{c}\\sum w\\cdot x' : '\\sum w\\cdot x';
  const pieces = [`${outputName(co, oy, ox, outChannels)} = ${sigma} + b`];
  for (let i = 0; i < shown.length; i += TERMS_PER_PIECE) {
    pieces.push(`{}${i === 0 ? '=' : '+'} ${shown.slice(i, i + TERMS_PER_PIECE).join(' + ')}`);
  }
  // The bias and the result close the last piece: fewer lines to read.
  pieces[pieces.length - 1] += plus(bias);
  // With terms left out, their sum is written too, so every number can be checked.
  if (cells.length > MAX_TERMS) {
    const sum = cells.length ? cells[cells.length - 1]!.sum : 0;
    pieces.push(`{}= ${num(sum)}${plus(bias)} = ${num(result)}`);
  } else {
    pieces[pieces.length - 1] += ` = ${num(result)}`;
  }
  return pieces;
}

const ACT_TEX: Record<SandboxConfig['activation'], string> = {
  none: '',
  relu: '\\mathrm{ReLU}',
  leakyrelu: '\\mathrm{LeakyReLU}',
  sigmoid: '\\sigma',
  tanh: '\\tanh',
};

/** The activation of the current output cell (empty without one). */
export function activationTex(
  activation: SandboxConfig['activation'],
  value: number,
  activated: number,
): string {
  if (activation === 'none') return '';
  const f = ACT_TEX[activation];
  return `a = ${f}(y) = ${f}(${num(value)}) = ${num(activated)}`;
}

/** The pooling window holding the current cell, and its result. */
export function poolTex(pool: 'max' | 'avg', win: PoolStep, pooled: number): string {
  const values = win.cells.map((c) => num(c.value));
  const body =
    pool === 'max'
      ? `\\max(${values.join(', ')})`
      : `\\frac{${values.join(' + ')}}{${win.cells.length}}`;
  return `p[${win.oy},${win.ox}] = ${body} = ${num(pooled)}`;
}
