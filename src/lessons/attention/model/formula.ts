/**
 * Each step's formula in TeX, with the live numbers of the cell in focus (a query row `a` and
 * a key column `b`) substituted from the model's own outputs: the same slices the figure
 * draws, so the formula and the matrix can never disagree.
 */
import { headOutput, layerOutput, TOK_EMB, POS_EMB } from '../../../runtime/transformer';
import { texNum, texText } from '../../../viz/Formula';
import type { SamplingConfig } from './config';
import { nextTop, rowOf, showToken, sliceOutput, type TransformerRun } from './run';
import type { ModelStepId } from './steps';

/** How many products of a dot product are written out before "…". */
const TERMS = 3;

/** A number as a factor: negative ones in parentheses. */
const factor = (v: number, digits = 2) => (v < 0 ? `(${texNum(v, digits)})` : texNum(v, digits));

/** `x₀·y₀ + x₁·y₁ + x₂·y₂ + …` for the first terms of a dot product. */
export function productTerms(x: readonly number[], y: readonly number[], terms = TERMS): string {
  const n = Math.min(x.length, y.length);
  const shown = Array.from(
    { length: Math.min(terms, n) },
    (_, i) => `${factor(x[i]!)} \\cdot ${factor(y[i]!)}`,
  ).join(' + ');
  return n > terms ? `${shown} + \\dots` : shown;
}

/** A vector's first entries: `(0.1, −0.2, 0.3, …)`. */
const vec = (v: readonly number[], terms = TERMS) =>
  `(${v
    .slice(0, terms)
    .map((x) => texNum(x, 2))
    .join(', ')}${v.length > terms ? ', \\dots' : ''})`;

export interface FormulaCell {
  row: number;
  col: number;
}

/** The TeX of a step's formula for the cell in focus (row a = query, column b = key). */
export function stepTex(
  step: ModelStepId,
  run: TransformerRun,
  layer: number,
  head: number,
  cell: FormulaCell,
  sampling: SamplingConfig,
): string {
  const { spec } = run;
  const n = run.chars.length;
  const a = Math.min(cell.row, n - 1);
  const b = Math.min(cell.col, n - 1);
  const tok = (i: number) => `\\text{${texText(showToken(run.chars[i] ?? ''))}}`;
  const A = tok(a);
  const B = tok(b);
  const head3 = (kind: 'q' | 'k' | 'v' | 'out' | 'scores' | 'scaled' | 'masked' | 'weights') =>
    sliceOutput(
      run,
      headOutput(layer, head, kind),
      ['scores', 'scaled', 'masked', 'weights'].includes(kind),
    );
  const layerRow = (kind: Parameters<typeof layerOutput>[1], i = a) =>
    rowOf(sliceOutput(run, layerOutput(layer, kind)), i);
  const at = (m: { data: Float32Array; cols: number }, r: number, c: number) =>
    m.data[r * m.cols + c]!;

  switch (step) {
    case 'tokens': {
      const shown = Math.min(n, 6);
      const pairs = Array.from({ length: shown }, (_, i) => `${tok(i)} \\mapsto ${run.ids[i]}`);
      return `${pairs.join(',\\; ')}${n > shown ? ',\\; \\dots' : ''} \\qquad |V| = ${spec.vocab.length}`;
    }
    case 'embed': {
      const e = rowOf(sliceOutput(run, TOK_EMB), a);
      const p = rowOf(sliceOutput(run, POS_EMB), a);
      const x = rowOf(sliceOutput(run, 'embed'), a);
      return `x_{${A}} = E[${run.ids[a]}] + P_{${a}}, \\quad x_{${A},0} = ${texNum(e[0]!, 3)} + ${factor(p[0]!, 3)} = ${texNum(x[0]!, 3)}`;
    }
    case 'qkv': {
      const q = rowOf(head3('q'), a);
      const k = rowOf(head3('k'), a);
      return `q_{${A}} = x_{${A}} W_Q = ${vec(q)}, \\quad k_{${A}} = x_{${A}} W_K = ${vec(k)} \\qquad d_k = ${spec.dK}`;
    }
    case 'scores': {
      const q = rowOf(head3('q'), a);
      const k = rowOf(head3('k'), b);
      const s = at(head3('scores'), a, b);
      return `s(${A}, ${B}) = q_{${A}} \\cdot k_{${B}} = ${productTerms(q, k)} = ${texNum(s, 4)}`;
    }
    case 'scaled': {
      const s = at(head3('scores'), a, b);
      const sc = at(head3('scaled'), a, b);
      return `\\frac{s(${A}, ${B})}{\\sqrt{d_k}} = \\frac{${texNum(s, 4)}}{\\sqrt{${spec.dK}}} = ${texNum(sc, 4)}`;
    }
    case 'masked': {
      const m = at(head3('masked'), a, b);
      return b > a
        ? `m(${A}, ${B}) = -\\infty \\qquad (${b} > ${a})`
        : `m(${A}, ${B}) = \\frac{s(${A}, ${B})}{\\sqrt{d_k}} = ${texNum(m, 4)} \\qquad (${b} \\le ${a})`;
    }
    case 'weights': {
      const masked = rowOf(head3('masked'), a);
      const w = at(head3('weights'), a, b);
      const visible = masked.slice(0, a + 1);
      const denom =
        visible
          .slice(0, TERMS)
          .map((v) => `e^{${texNum(v, 2)}}`)
          .join(' + ') + (visible.length > TERMS ? ' + \\dots' : '');
      const num = b > a ? `e^{-\\infty}` : `e^{${texNum(masked[b]!, 2)}}`;
      return `w(${A}, ${B}) = \\frac{e^{m(${A}, ${B})}}{\\sum_{j \\le ${a}} e^{m(${A}, j)}} = \\frac{${num}}{${denom}} = ${texNum(w, 4)}`;
    }
    case 'out': {
      const w = rowOf(head3('weights'), a).slice(0, a + 1);
      const v = sliceOutput(run, headOutput(layer, head, 'v'));
      const v0 = w.map((_, j) => at(v, j, 0));
      const o = at(head3('out'), a, 0);
      return `o_{${A}} = \\sum_{j \\le ${a}} w(${A}, j)\\, v_j, \\quad o_{${A},0} = ${productTerms(w, v0)} = ${texNum(o, 4)}`;
    }
    case 'concat': {
      const c = layerRow('concat');
      const parts = Array.from({ length: spec.heads }, (_, h) => `o^{(${h + 1})}_{${A}}`).join(
        ',\\, ',
      );
      return `c_{${A}} = [${parts}] = ${vec(c)} \\in \\mathbb{R}^{${spec.heads} \\cdot ${spec.dV}}`;
    }
    case 'proj': {
      const p = layerRow('proj');
      return `p_{${A}} = c_{${A}} W_O + b_O = ${vec(p)} \\in \\mathbb{R}^{${spec.dModel}}`;
    }
    case 'norm1':
    case 'norm2': {
      const r = layerRow(step === 'norm1' ? 'resid1' : 'resid2');
      const out = layerRow(step);
      const mu = r.reduce((s, v) => s + v, 0) / r.length;
      const sigma = Math.sqrt(r.reduce((s, v) => s + (v - mu) ** 2, 0) / r.length + 1e-5);
      const sum = step === 'norm1' ? `x_{${A}} + p_{${A}}` : `n_{${A}} + f_{${A}}`;
      return `r_{${A}} = ${sum}, \\quad \\mathrm{LN}(r)_0 = \\gamma_0 \\frac{r_0 - \\mu}{\\sigma} + \\beta_0 = \\gamma_0 \\frac{${texNum(r[0]!, 3)} - ${factor(mu, 3)}}{${texNum(sigma, 3)}} + \\beta_0 = ${texNum(out[0]!, 3)}`;
    }
    case 'mlp': {
      const h = layerRow('mlp_hidden');
      const f = layerRow('mlp_out');
      const on = h.filter((v) => v > 0).length;
      return `h_{${A}} = \\mathrm{ReLU}(n_{${A}} W_1 + b_1)\\ (${on} \\text{ / } ${h.length} > 0), \\quad f_{${A}} = h_{${A}} W_2 + b_2 = ${vec(f)}`;
    }
    case 'logits': {
      const last = rowOf(sliceOutput(run, 'logits'), n - 1);
      const top = Array.from(last.keys())
        .sort((x, y) => last[y]! - last[x]! || x - y)
        .slice(0, TERMS);
      const z = top
        .map(
          (i) => `z_{\\text{${texText(showToken(spec.vocab[i] ?? ''))}}} = ${texNum(last[i]!, 3)}`,
        )
        .join(',\\; ');
      return `z = x_{${n - 1}} W_{\\mathrm{out}} + b: \\quad ${z}, \\dots`;
    }
    case 'next': {
      const { top } = nextTop(run, sampling, TERMS);
      const p = top
        .filter((e) => e.probability > 0)
        .map((e) => `p(\\text{${texText(showToken(e.token))}}) = ${texNum(e.probability, 3)}`)
        .join(',\\; ');
      return `p(t) = \\frac{e^{z_t / T}}{\\sum_u e^{z_u / T}},\\ T = ${texNum(sampling.temperature, 3)}: \\quad ${p}`;
    }
  }
}
