/**
 * The sandbox step's formula in TeX with the live numbers of the cell in focus, from core's
 * breakdown (the same reference the on-page check compares ONNX Runtime against), e.g.
 * `s(我, 爱) = q_我 · k_爱 = 0.1·0.4 + 0.2·0.5 + 0.3·0.6 = 0.32`.
 */
import { outputBreakdown, scoreBreakdown, type AttentionSteps } from '../../../core/attention';
import { texNum, texText } from '../../../viz/Formula';
import type { SandboxConfig } from './config';
import { tokenLabel } from './edit';
import type { SandboxStep } from './lessonParts';

/** Products written out before "…" (a 16-wide dot product would not fit a line). */
const TERMS = 4;

const factor = (v: number) => (v < 0 ? `(${texNum(v, 4)})` : texNum(v, 4));

function terms(x: readonly number[], y: readonly number[]): string {
  const shown = x
    .slice(0, TERMS)
    .map((v, i) => `${factor(v)} \\cdot ${factor(y[i]!)}`)
    .join(' + ');
  return x.length > TERMS ? `${shown} + \\dots` : shown;
}

export interface SandboxFocus {
  q: number;
  k: number;
  /** Output column within the head. */
  c: number;
}

/** The TeX of the step's formula for query row `q`, key column `k` (output column `c`). */
export function sandboxTex(
  step: SandboxStep,
  config: SandboxConfig,
  steps: AttentionSteps,
  head: number,
  { q, k, c }: SandboxFocus,
): string {
  const label = (i: number) => `\\text{${texText(tokenLabel(config.tokens, i))}}`;
  const Q = label(q);
  const K = label(k);
  const b = scoreBreakdown(steps, head, q, k);
  const divisor = config.scale === 'sqrt_dk' ? `\\sqrt{${steps.dkHead}}` : '1';
  const h = steps.perHead[head]!;
  switch (step) {
    case 'scores':
      return `s(${Q}, ${K}) = q_{${Q}} \\cdot k_{${K}} = ${terms(b.q, b.k)} = ${texNum(b.score, 4)}`;
    case 'scaled':
      return `\\frac{s(${Q}, ${K})}{${divisor}} = \\frac{${texNum(b.score, 4)}}{${texNum(steps.divisor, 4)}} = ${texNum(b.scaled, 4)}`;
    case 'masked':
      if (config.mask === 'none')
        return `m(${Q}, ${K}) = \\frac{s(${Q}, ${K})}{${divisor}} = ${texNum(b.scaled, 4)}`;
      return b.masked
        ? `m(${Q}, ${K}) = -\\infty \\qquad (${k} > ${q})`
        : `m(${Q}, ${K}) = \\frac{s(${Q}, ${K})}{${divisor}} = ${texNum(b.scaled, 4)} \\qquad (${k} \\le ${q})`;
    case 'weights': {
      const row = h.masked[q]!;
      const shown = row.slice(0, TERMS).map((v) => `e^{${texNum(v, 4)}}`);
      const denom = shown.join(' + ') + (row.length > TERMS ? ' + \\dots' : '');
      const num = b.masked ? 'e^{-\\infty}' : `e^{${texNum(h.masked[q]![k]!, 4)}}`;
      return `w(${Q}, ${K}) = \\frac{e^{m(${Q}, ${K})}}{\\sum_j e^{m(${Q}, j)}} = \\frac{${num}}{${denom}} = ${texNum(b.weight, 4)}`;
    }
    case 'output': {
      const o = outputBreakdown(steps, head, q, c);
      return `o_{${Q}}[${c + 1}] = \\sum_j w(${Q}, j)\\, v_j[${c + 1}] = ${terms(o.weights, o.values)} = ${texNum(o.sum, 4)}`;
    }
    case 'concat': {
      const parts = Array.from({ length: steps.heads }, (_, i) => `o^{(${i + 1})}_{${Q}}`).join(
        ' \\mid ',
      );
      return `o_{${Q}} = [\\, ${parts} \\,] \\in \\mathbb{R}^{${steps.dv}}`;
    }
  }
}
