/**
 * The Convolution model view's formulas in TeX: each layer's rule, and one opened unit's
 * computation with the model's own numbers substituted (from the unit detail, which recomputes
 * them with core/'s references).
 */
import { texNum } from '../../viz/Formula';
import type { CnnLayerKind } from './cnn';
import type { UnitDetail } from './unitDetail';

/** A signed term for a sum: "+ 0.27" or "− 0.27". */
const signed = (v: number, digits = 3) =>
  v < 0 ? `- ${texNum(-v, digits)}` : `+ ${texNum(v, digits)}`;

/** The rule a layer applies, with generic indices. */
export function layerTex(kind: CnnLayerKind): string {
  switch (kind) {
    case 'input':
      return 'x \\in [0, 1]^{28 \\times 28}';
    case 'conv':
      return "z_{c,y,x} = \\sum_{c'} \\sum_{i,j=0}^{2} w_{c,c',i,j}\\, x_{c',\\,y+i-1,\\,x+j-1} + b_c";
    case 'relu':
      return 'a = \\operatorname{ReLU}(z) = \\max(0, z)';
    case 'pool':
      return 'p_{c,y,x} = \\max_{i,j \\in \\{0,1\\}} a_{c,\\,2y+i,\\,2x+j}';
    case 'dense':
      return 'z_k = \\sum_{j} W_{k,j}\\, p_j + b_k';
    case 'softmax':
      return 'P(k) = \\frac{e^{z_k}}{\\sum_{j=0}^{9} e^{z_j}}';
  }
}

/**
 * A conv unit's current animation step: while the products are being added, the running sum
 * `s₅ = s₄ + w·x = 1.2 + 0.31 = 1.51`; null on the other steps and for other layers.
 */
export function unitStepTex(detail: UnitDetail, step: number): string | null {
  if (detail.kind !== 'conv') return null;
  const cells = detail.mac.cells;
  if (step >= cells.length) return null;
  const cur = cells[step]!;
  const prev = step > 0 ? cells[step - 1]!.sum : 0;
  return `s_{${step + 1}} = s_{${step}} + w \\cdot x = ${texNum(prev, 4)} ${signed(cur.product, 4)} = ${texNum(cur.sum, 4)}`;
}

/**
 * The opened unit's computation with the model's numbers, e.g.
 * `a = ReLU(Σ w·x + b) = ReLU(3.41 − 0.27) = 3.14`.
 */
export function unitTex(detail: UnitDetail): string {
  switch (detail.kind) {
    case 'conv': {
      const cells = detail.mac.cells;
      const sum = cells[cells.length - 1]!.sum;
      const z = `\\textstyle\\sum w \\cdot x + b`;
      return `a = \\operatorname{ReLU}(${z}) = \\operatorname{ReLU}(${texNum(sum, 4)} ${signed(detail.mac.bias, 4)}) = ${texNum(detail.relu, 4)}`;
    }
    case 'relu':
      return `a = \\max(0, z) = \\max(0, ${texNum(detail.pre, 4)}) = ${texNum(detail.post, 4)}`;
    case 'pool': {
      const vals = detail.pool.cells.map((c) => texNum(c.value, 3)).join(', ');
      return `p = \\max(${vals}) = ${texNum(detail.pool.result, 4)}`;
    }
    case 'dense': {
      const k = detail.unit.channel;
      return `z_{${k}} = \\sum_{j=1}^{${detail.terms.length}} W_{${k},j}\\, p_j + b_{${k}} = ${texNum(detail.sum - detail.bias, 4)} ${signed(detail.bias, 4)} = ${texNum(detail.sum, 4)}`;
    }
    case 'softmax': {
      const k = detail.unit.channel;
      return `P(${k}) = \\frac{e^{z_{${k}} - \\max z}}{\\sum_j e^{z_j - \\max z}} = \\frac{${texNum(detail.exps[k]!, 4)}}{${texNum(detail.sumExp, 4)}} = ${texNum(detail.result, 4)}`;
    }
  }
}
