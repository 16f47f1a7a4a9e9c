/** The losses view's formulas, typeset with the live numbers (TeX for Temml). */
import type { BasicLoss, LossResult } from '../../../core/basicLoss';
import { texNum } from '../../../viz/Formula';

const n = (v: number) => texNum(v, 4);
const arg = (v: number) => (v < 0 ? `(${n(v)})` : n(v));

type Values = readonly number[] | readonly (readonly number[])[];

/** The chosen entry's index: [sample] or [row, class]. */
export type Entry = [number] | [number, number];

/** One sample's term, written out (row i for cross_entropy). */
export function termTex(loss: BasicLoss, t: Values, p: Values, i: number, r: LossResult): string {
  const v = n(r.terms[i]!);
  const k = i + 1;
  if (loss === 'cross_entropy') {
    const tr = t[i] as readonly number[];
    const pr = p[i] as readonly number[];
    const parts = tr
      .map((tc, c) => (tc === 0 ? null : `${n(tc)}\\ln ${n(pr[c]!)}`))
      .filter((s): s is string => s !== null);
    const shown = parts.length > 3 ? [...parts.slice(0, 3), '\\cdots'] : parts;
    return `\\ell_{${k}}=-\\sum_c t_{${k}c}\\ln p_{${k}c}=-(${shown.join('+') || '0'})=${v}`;
  }
  const ti = t[i] as number;
  const pi = p[i] as number;
  switch (loss) {
    case 'mse':
      return `\\ell_{${k}}=(p_{${k}}-t_{${k}})^2=(${n(pi)}-${arg(ti)})^2=${v}`;
    case 'mae':
      return `\\ell_{${k}}=|p_{${k}}-t_{${k}}|=|${n(pi)}-${arg(ti)}|=${v}`;
    case 'bce':
      return `\\ell_{${k}}=-\\big(t_{${k}}\\ln p_{${k}}+(1-t_{${k}})\\ln(1-p_{${k}})\\big)=-\\big(${n(ti)}\\ln ${n(pi)}+${n(1 - ti)}\\ln ${n(1 - pi)}\\big)=${v}`;
  }
}

/** L = (1/n) Σ terms with the terms written out. */
export function meanTex(r: LossResult): string {
  const terms = r.terms.map(n);
  const shown = terms.length > 6 ? [...terms.slice(0, 5), '\\cdots'] : terms;
  return `L=\\frac{1}{n}\\sum_{i=1}^{n}\\ell_i=\\frac{${shown.join('+')}}{${r.terms.length}}=${n(r.loss)}`;
}

/** ∂L/∂p for one entry, written out. */
export function gradTex(loss: BasicLoss, t: Values, p: Values, e: Entry, r: LossResult): string {
  const N = p.length;
  if (loss === 'cross_entropy') {
    const [i, c] = e as [number, number];
    const tc = (t[i] as readonly number[])[c]!;
    const pc = (p[i] as readonly number[])[c]!;
    const g = (r.grad as number[][])[i]![c]!;
    const s = `_{${i + 1},${c + 1}}`;
    return `\\frac{\\partial L}{\\partial p${s}}=-\\frac{t${s}}{p${s}\\,n}=-\\frac{${n(tc)}}{${n(pc)}\\times ${N}}=${n(g)}`;
  }
  const i = e[0];
  const ti = t[i] as number;
  const pi = p[i] as number;
  const g = n((r.grad as number[])[i]!);
  const s = `_{${i + 1}}`;
  switch (loss) {
    case 'mse':
      return `\\frac{\\partial L}{\\partial p${s}}=\\frac{2(p${s}-t${s})}{n}=\\frac{2(${n(pi)}-${arg(ti)})}{${N}}=${g}`;
    case 'mae':
      return `\\frac{\\partial L}{\\partial p${s}}=\\frac{\\operatorname{sign}(p${s}-t${s})}{n}=\\frac{\\operatorname{sign}(${n(pi)}-${arg(ti)})}{${N}}=${g}`;
    case 'bce':
      return `\\frac{\\partial L}{\\partial p${s}}=\\frac{p${s}-t${s}}{p${s}(1-p${s})\\,n}=\\frac{${n(pi)}-${n(ti)}}{${n(pi)}\\times ${n(1 - pi)}\\times ${N}}=${g}`;
  }
}

/** The loss and its slope at the chosen entry. */
export function curveTex(e: Entry, value: number, r: LossResult): string {
  const s = e.length === 2 ? `_{${e[0] + 1},${e[1] + 1}}` : `_{${e[0] + 1}}`;
  const g = e.length === 2 ? (r.grad as number[][])[e[0]]![e[1]]! : (r.grad as number[])[e[0]]!;
  return `p${s}=${n(value)}:\\quad L=${n(r.loss)},\\quad \\frac{\\partial L}{\\partial p${s}}=${n(g)}`;
}
