/**
 * The backprop view's formulas in TeX, each step written out with its numbers, e.g. for the
 * 3-2-1 example:
 *   z⁽¹⁾₁ = w⁽¹⁾₁₁x₁ + w⁽¹⁾₁₂x₂ + w⁽¹⁾₁₃x₃ + b⁽¹⁾₁ = 1·1 + 1·2 + 1·3 + 1 = 7
 *   ∂L/∂w⁽¹⁾₁₂ = δ⁽¹⁾₁ · x₂ = 28 · 2 = 56
 * The numbers are the shown result's (onnxruntime-web's, or core's until it answers);
 * ∂L/∂a and f′(z) are core/backprop's functions of those numbers. This module only writes
 * them down.
 */
import {
  activationDerivative,
  layerActivation,
  lossGradient,
  lossTerms,
  type BackpropAnswer,
  type NetActivation,
} from '../../../core/backprop';
import { texNum } from '../../../viz/Formula';
import type { BackpropConfig } from './config';
import type { BackpropStep } from './lessonParts';

/** Written out term by term up to this many terms; longer sums use Σ. */
const SHOWN_TERMS = 4;
/** On a phone: sums of more terms use Σ, long sums take 2 terms a line. */
const NARROW_TERMS = 2;
const DIGITS = 4;

export const num = (v: number) => texNum(v, DIGITS);
/** A factor of a product: negative numbers in parentheses. */
const factor = (v: number) => (v < 0 || Object.is(v, -0) ? `(${num(v)})` : num(v));
/** A sum of terms, “+ −3” written “− 3”. */
function plus(parts: readonly string[]): string {
  return parts
    .map((s, i) => (i === 0 ? s : s.startsWith('-') ? `- ${s.slice(1)}` : `+ ${s}`))
    .join(' ');
}

export const symA = (l: number, i: number) => (l === 0 ? `x_{${i + 1}}` : `a^{(${l})}_{${i + 1}}`);
export const symZ = (l: number, j: number) => `z^{(${l})}_{${j + 1}}`;
export const symW = (l: number, j: number, i: number) => `w^{(${l})}_{${j + 1}${i + 1}}`;
export const symB = (l: number, j: number) => `b^{(${l})}_{${j + 1}}`;
export const symD = (l: number, j: number) => `\\delta^{(${l})}_{${j + 1}}`;
const partial = (s: string) => `\\frac{\\partial L}{\\partial ${s}}`;

const FN: Record<NetActivation, string> = {
  relu: '\\operatorname{ReLU}',
  sigmoid: '\\sigma',
  tanh: '\\tanh',
  linear: '\\operatorname{id}',
};

/** The activation a layer uses. */
export function fnOf(config: BackpropConfig, l: number): NetActivation {
  return layerActivation(config, l - 1, config.sizes.length - 1);
}

/** The input to layer l: x for l = 1, a⁽ˡ⁻¹⁾ otherwise. */
export function inputsOf(config: BackpropConfig, r: BackpropAnswer, l: number): number[] {
  return l === 1 ? [...config.x] : r.a[l - 2]!;
}

/** f′(z) written out: ReLU′(7) = 1, σ′(z) = a(1 − a) = …, 1 − a² = …, 1. */
function derivative(f: NetActivation, z: number, a: number, zSym: string): string {
  const d = num(activationDerivative(f, z, a));
  switch (f) {
    case 'relu':
      return `${FN.relu}'(${zSym}) = ${FN.relu}'(${num(z)}) = ${d}`;
    case 'sigmoid':
      return `\\sigma'(${zSym}) = a(1 - a) = ${factor(a)}\\,(1 - ${factor(a)}) = ${d}`;
    case 'tanh':
      return `\\tanh'(${zSym}) = 1 - a^2 = 1 - ${factor(a)}^2 = ${d}`;
    case 'linear':
      return `\\operatorname{id}'(${zSym}) = 1`;
  }
}

/**
 * A long sum over several lines of an aligned block: the first line `&= …`, the others
 * `&\quad + …`, the last ending with `end` (“ = 7”).
 */
function sumLines(lead: string, terms: readonly string[], end: string, per: number): string[] {
  const lines: string[] = [];
  for (let k = 0; k < terms.length; k += per) {
    const chunk = terms.slice(k, k + per);
    lines.push(
      k === 0 ? `&= ${lead}${plus(chunk)}` : `&\\quad ${plus(['', ...chunk]).trimStart()}`,
    );
  }
  lines[lines.length - 1] += end;
  return lines;
}

/** A line aligned at its first “=”. */
const alignAt = (line: string) => line.replace('=', '&=');

/** Splits a line at each top-level “=” after its first (a phone's narrow formula). */
function splitEquals(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let seen = 0;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '=' && depth === 0 && line[k - 1] !== '&') {
      if (seen++ > 0 || line.slice(0, k).includes('&')) {
        parts.push(line.slice(start, k).trimEnd());
        start = k;
      }
    }
  }
  parts.push(line.slice(start));
  return parts.map((p, k) => (k === 0 ? p : `&${p}`));
}

function aligned(lines: readonly string[], narrow = false): string {
  const all = narrow ? lines.flatMap((l) => splitEquals(l.includes('&') ? l : alignAt(l))) : lines;
  return all.length === 1 ? all[0]! : `\\begin{aligned}${all.join(' \\\\ ')}\\end{aligned}`;
}

function matrix(m: readonly (readonly number[])[]): string {
  return `\\begin{bmatrix}${m.map((row) => row.map(num).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
}

/** The formula of one step, with its numbers. */
export function stepTex(
  step: BackpropStep,
  config: BackpropConfig,
  r: BackpropAnswer,
  narrow = false,
): string {
  return aligned(stepLines(step, config, r, narrow ? NARROW_TERMS : SHOWN_TERMS), narrow);
}

/** The step's formula as lines of an aligned block (“&=” aligns them). */
function stepLines(
  step: BackpropStep,
  config: BackpropConfig,
  r: BackpropAnswer,
  per: number,
): string[] {
  const layers = config.sizes.length - 1;
  switch (step.kind) {
    case 'forward': {
      const { l, j } = step;
      const prev = inputsOf(config, r, l);
      const w = config.weights[l - 1]![j]!;
      const b = config.biases[l - 1]![j]!;
      const z = r.z[l - 1]![j]!;
      const a = r.a[l - 1]![j]!;
      const few = prev.length <= per;
      const symbolic = few
        ? plus([...prev.map((_, i) => `${symW(l, j, i)}\\,${symA(l - 1, i)}`), symB(l, j)])
        : `\\sum_{i=1}^{${prev.length}} w^{(${l})}_{${j + 1}i}\\,${l === 1 ? 'x_i' : `a^{(${l - 1})}_i`} + ${symB(l, j)}`;
      const terms = [...prev.map((p, i) => `${factor(w[i]!)} \\cdot ${factor(p)}`), num(b)];
      const f = fnOf(config, l);
      const aLine = `${symA(l, j)} &= ${FN[f]}(${symZ(l, j)}) = ${FN[f]}(${num(z)}) = ${num(a)}`;
      if (!few)
        return [`${symZ(l, j)} &= ${symbolic}`, ...sumLines('', terms, ` = ${num(z)}`, per), aLine];
      return [`${symZ(l, j)} &= ${symbolic} = ${plus(terms)} = ${num(z)}`, aLine];
    }
    case 'loss': {
      const out = r.a[layers - 1]!;
      const n = out.length;
      const terms = lossTerms(config.loss, out, config.y);
      const aL = (k: number) => `a^{(${layers})}_{${k + 1}}`;
      if (config.loss === 'mse') {
        const sym =
          n === 1
            ? `(${aL(0)} - y_1)^2`
            : `\\frac{1}{${n}} \\sum_{k=1}^{${n}} (a^{(${layers})}_k - y_k)^2`;
        const each = out.map((p, k) => `(${num(p)} - ${factor(config.y[k]!)})^2`);
        const body = n === 1 ? each[0]! : `\\frac{1}{${n}}\\big(${plus(each)}\\big)`;
        return [`L = ${sym} = ${body} = ${num(r.loss)}`];
      }
      const sym = `-\\frac{1}{${n}} \\sum_{k=1}^{${n}} \\big(y_k \\log ${n === 1 ? aL(0) : `a^{(${layers})}_k`} + (1 - y_k) \\log(1 - ${n === 1 ? aL(0) : `a^{(${layers})}_k`})\\big)`;
      const each = terms.map(num);
      return [`L &= ${sym}`, `&= \\frac{1}{${n}}\\big(${plus(each)}\\big) = ${num(r.loss)}`];
    }
    case 'delta': {
      const { l, j } = step;
      const f = fnOf(config, l);
      const z = r.z[l - 1]![j]!;
      const a = r.a[l - 1]![j]!;
      const fp = activationDerivative(f, z, a);
      const dz = r.dz[l - 1]![j]!;
      if (l === layers) {
        const n = config.y.length;
        const g = lossGradient(config.loss, r.a[layers - 1]!, config.y)[j]!;
        const y = config.y[j]!;
        const dLda =
          config.loss === 'mse'
            ? `${partial(symA(l, j))} = \\frac{2}{${n}}(${symA(l, j)} - y_{${j + 1}}) = \\frac{2}{${n}}(${num(a)} - ${factor(y)}) = ${num(g)}`
            : `${partial(symA(l, j))} = \\frac{${symA(l, j)} - y_{${j + 1}}}{${n}\\,a(1 - a)} = \\frac{${num(a)} - ${factor(y)}}{${n} \\cdot ${factor(a)}\\,(1 - ${factor(a)})} = ${num(g)}`;
        return [
          `${symD(l, j)} &= ${partial(symZ(l, j))} = ${partial(symA(l, j))} \\cdot ${FN[f]}'(${symZ(l, j)}) = ${factor(g)} \\cdot ${factor(fp)} = ${num(dz)}`,
          alignAt(dLda),
          alignAt(derivative(f, z, a, symZ(l, j))),
        ];
      }
      const next = config.weights[l]!;
      const dNext = r.dz[l]!;
      const few = dNext.length <= per;
      const symSum = few
        ? plus(dNext.map((_, k) => `${symW(l + 1, k, j)}\\,${symD(l + 1, k)}`))
        : `\\sum_{k} w^{(${l + 1})}_{k${j + 1}}\\,\\delta^{(${l + 1})}_k`;
      const numTerms = dNext.map((d, k) => `${factor(next[k]![j]!)} \\cdot ${factor(d)}`);
      if (!few)
        return [
          `${symD(l, j)} &= ${FN[f]}'(${symZ(l, j)}) \\cdot \\big(${symSum}\\big)`,
          ...sumLines(`${factor(fp)} \\cdot \\big(`, numTerms, `\\big) = ${num(dz)}`, per),
          alignAt(derivative(f, z, a, symZ(l, j))),
        ];
      const numSum = plus(numTerms);
      return [
        `${symD(l, j)} &= ${FN[f]}'(${symZ(l, j)}) \\cdot \\big(${symSum}\\big) = ${factor(fp)} \\cdot \\big(${numSum}\\big) = ${num(dz)}`,
        alignAt(derivative(f, z, a, symZ(l, j))),
      ];
    }
    case 'weight': {
      const { l, j, i } = step;
      const d = r.dz[l - 1]![j]!;
      const p = inputsOf(config, r, l)[i]!;
      return [
        `${partial(symW(l, j, i))} = ${partial(symZ(l, j))} \\cdot \\frac{\\partial ${symZ(l, j)}}{\\partial ${symW(l, j, i)}} = ${symD(l, j)} \\cdot ${symA(l - 1, i)} = ${factor(d)} \\cdot ${factor(p)} = ${num(r.dW[l - 1]![j]![i]!)}`,
      ];
    }
    case 'bias': {
      const { l, j } = step;
      return [
        `${partial(symB(l, j))} = ${symD(l, j)} \\cdot \\frac{\\partial ${symZ(l, j)}}{\\partial ${symB(l, j)}} = ${factor(r.dz[l - 1]![j]!)} \\cdot 1 = ${num(r.db[l - 1]![j]!)}`,
      ];
    }
    case 'update': {
      const { l } = step;
      const lr = num(config.lr);
      const col = (v: readonly number[]) => matrix(v.map((x) => [x]));
      return [
        `W^{(${l})} &\\leftarrow W^{(${l})} - \\eta\\,${partial(`W^{(${l})}`)} = ${matrix(config.weights[l - 1]!)} - ${lr} \\cdot ${matrix(r.dW[l - 1]!)} = ${matrix(r.weightsAfter[l - 1]!)}`,
        `b^{(${l})} &\\leftarrow b^{(${l})} - \\eta\\,${partial(`b^{(${l})}`)} = ${col(config.biases[l - 1]!)} - ${lr} \\cdot ${col(r.db[l - 1]!)} = ${col(r.biasesAfter[l - 1]!)}`,
      ];
    }
  }
}
