/**
 * The losses view's formulas in TeX, term by term with the live numbers, e.g. for the widely
 * copied example D(x) = 0.9, D(G(z)) = 0.1:
 *   L_D = −log D(x) − log(1 − D(G(z))) = −log 0.9 − log(1 − 0.1) = 0.1054 + 0.1054 = 0.2107.
 * Every number comes from core/ganLoss's terms; this module only writes them down.
 */
import type { GanLoss, GanLossTerms } from '../../../core/ganLoss';
import { fmtP } from './format';
import type { LossesStep } from './lessonParts';

/** Batches longer than this are written with their first and last terms and “…”. */
const SHOWN_TERMS = 4;

/** A loss value for TeX: 4 decimals (as in the tables), ∞ as a symbol, a real minus sign. */
export function tex4(v: number): string {
  if (v === Infinity) return '\\infty';
  if (v === -Infinity) return '-\\infty';
  const s = v.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}

/** Up to SHOWN_TERMS items; a longer list keeps its first two and last one around “…”. */
function few(items: string[]): string[] {
  if (items.length <= SHOWN_TERMS) return items;
  return [...items.slice(0, 2), '\\dots', items[items.length - 1]!];
}

/** Sums written out: “a + b − c” from signed values (a term < 0 is shown as “− |t|”). */
function sum(values: readonly number[]): string {
  const parts = values.map((v) => tex4(v));
  const shown = few(parts);
  return shown
    .map((s, i) => {
      if (i === 0 || s === '\\dots') return i === 0 ? s : `+ ${s}`;
      return s.startsWith('-') ? `- ${s.slice(1)}` : `+ ${s}`;
    })
    .join(' ');
}

/** One real sample's term with its value substituted, e.g. “-\log 0.9”. */
function realTerm(loss: GanLoss, p: number): string {
  return loss === 'lsgan' ? `\\tfrac12(${fmtP(p)} - 1)^2` : `-\\log ${fmtP(p)}`;
}
function fakeTerm(loss: GanLoss, p: number): string {
  return loss === 'lsgan' ? `\\tfrac12 \\cdot ${fmtP(p)}^2` : `-\\log(1 - ${fmtP(p)})`;
}
function genTerm(loss: GanLoss, p: number): string {
  switch (loss) {
    case 'minimax':
      return `\\log(1 - ${fmtP(p)})`;
    case 'non-saturating':
      return `-\\log ${fmtP(p)}`;
    case 'lsgan':
      return `\\tfrac12(${fmtP(p)} - 1)^2`;
  }
}

/** The symbolic per-sample terms. */
const SYMBOL = {
  real: { log: '-\\log D(x)', lsgan: '\\tfrac12\\,(D(x) - 1)^2' },
  fake: { log: '-\\log(1 - D(G(z)))', lsgan: '\\tfrac12\\,D(G(z))^2' },
  gen: {
    minimax: '\\log(1 - D(G(z)))',
    'non-saturating': '-\\log D(G(z))',
    lsgan: '\\tfrac12\\,(D(G(z)) - 1)^2',
  },
  grad: {
    minimax: '-D(G(z))',
    'non-saturating': '-(1 - D(G(z)))',
    lsgan: '(D(G(z)) - 1)\\,D(G(z))\\,(1 - D(G(z)))',
  },
} as const;

/**
 * A mean written out: for one value “sym = term = value”; for several
 * “mean sym = 1/n (t₁ + t₂ + …) = 1/n (v₁ + v₂ + …) = mean”.
 */
function meanOf(
  sym: string,
  index: string,
  terms: string[],
  values: readonly number[],
  mean: number,
): string {
  const n = values.length;
  if (n === 1) return `${sym} = ${terms[0]} = ${tex4(mean)}`;
  const subs = sym.replace(/D\(x\)/g, `D(x_${index})`).replace(/G\(z\)/g, `G(z_${index})`);
  const plusTerms = few(terms)
    .map((s, i) => (i === 0 ? s : s === '\\dots' ? '+ \\dots' : s.startsWith('-') ? s : `+ ${s}`))
    .join(' ');
  return `\\tfrac{1}{${n}}\\textstyle\\sum_{${index}} ${subs} = \\tfrac{1}{${n}}\\left(${plusTerms}\\right) = \\tfrac{1}{${n}}\\left(${sum(values)}\\right) = ${tex4(mean)}`;
}

/**
 * The current step's formula with the live numbers.
 * @param terms - ganLossTerms(dReal, dFake, loss) for the values on screen
 */
export function stepTex(
  step: LossesStep,
  terms: GanLossTerms,
  dReal: readonly number[],
  dFake: readonly number[],
): string {
  const { loss } = terms;
  const kind = loss === 'lsgan' ? 'lsgan' : 'log';
  switch (step) {
    case 'dReal':
      return meanOf(
        SYMBOL.real[kind],
        'i',
        dReal.map((p) => realTerm(loss, p)),
        terms.realTerms,
        terms.lossDReal,
      );
    case 'dFake':
      return meanOf(
        SYMBOL.fake[kind],
        'j',
        dFake.map((p) => fakeTerm(loss, p)),
        terms.fakeTerms,
        terms.lossDFake,
      );
    case 'lossD': {
      const total = `${tex4(terms.lossDReal)} + ${tex4(terms.lossDFake)} = ${tex4(terms.lossD)}`;
      if (dReal.length === 1 && dFake.length === 1) {
        const glue = kind === 'log' ? ' ' : ' + ';
        return `L_D = ${SYMBOL.real[kind]}${glue}${SYMBOL.fake[kind]} = ${realTerm(loss, dReal[0]!)}${glue}${fakeTerm(loss, dFake[0]!)} = ${total}`;
      }
      const mean = (s: string) => `\\overline{${s}}`;
      return `L_D = ${mean(SYMBOL.real[kind])} + ${mean(SYMBOL.fake[kind])} = ${total}`;
    }
    case 'lossG':
      return `L_G = ${meanOf(
        SYMBOL.gen[loss],
        'j',
        dFake.map((p) => genTerm(loss, p)),
        terms.genTerms,
        terms.lossG,
      )}`;
    case 'gradient': {
      const lhs = '\\frac{\\partial \\ell_G}{\\partial a}';
      const values = few(terms.dGenDlogit.map(tex4)).join(',\\ ');
      if (dFake.length === 1) {
        return `${lhs} = ${SYMBOL.grad[loss]} = ${gradSubst(loss, dFake[0]!)} = ${values}`;
      }
      return `${lhs} = ${SYMBOL.grad[loss]} = ${values}`;
    }
  }
}

function gradSubst(loss: GanLoss, p: number): string {
  const v = fmtP(p);
  switch (loss) {
    case 'minimax':
      return `-${v}`;
    case 'non-saturating':
      return `-(1 - ${v})`;
    case 'lsgan':
      return `(${v} - 1) \\cdot ${v} \\cdot (1 - ${v})`;
  }
}

/** The whole loss in symbols (for the overview's caption and screen readers). */
export function lossTex(loss: GanLoss, which: 'D' | 'G'): string {
  const kind = loss === 'lsgan' ? 'lsgan' : 'log';
  if (which === 'G') return `L_G = \\overline{${SYMBOL.gen[loss]}}`;
  return `L_D = \\overline{${SYMBOL.real[kind]}} + \\overline{${SYMBOL.fake[kind]}}`;
}
