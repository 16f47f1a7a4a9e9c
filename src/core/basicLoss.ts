/**
 * The four classic losses in float64, with each sample's term, the mean and its gradient with
 * respect to every prediction (PyTorch's semantics: `log` natural, the mean over samples).
 *
 *   mse             term_i = (p_i − t_i)²                        ∂L/∂p_i = 2(p_i − t_i)/n
 *   mae             term_i = |p_i − t_i|                         ∂L/∂p_i = sign(p_i − t_i)/n (0 at p = t)
 *   bce             term_i = −(t_i log p_i + (1 − t_i) log(1 − p_i)), p ∈ (0, 1)
 *                                                               ∂L/∂p_i = (p_i − t_i)/(p_i(1 − p_i) n)
 *   cross_entropy   term_i = −Σ_c t_ic log p_ic (rows of class probabilities)
 *                                                               ∂L/∂p_ic = −t_ic/(p_ic n)
 * L = (1/n) Σ_i term_i, n the number of samples (rows for cross_entropy).
 */

export const BASIC_LOSSES = ['mse', 'mae', 'bce', 'cross_entropy'] as const;
export type BasicLoss = (typeof BASIC_LOSSES)[number];

export interface LossResult {
  /** The mean of `terms`. */
  loss: number;
  /** [n] one term per sample (per row for cross_entropy). */
  terms: number[];
  /** ∂loss/∂prediction, the shape of `prediction`. */
  grad: number[] | number[][];
}

/** One sample's term (`t`, `p` numbers; rows for cross_entropy). */
export function lossTerm(loss: 'mse' | 'mae' | 'bce', t: number, p: number): number {
  switch (loss) {
    case 'mse':
      return (p - t) ** 2;
    case 'mae':
      return Math.abs(p - t);
    case 'bce':
      return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
  }
}

/** ∂term/∂p for one sample (not yet divided by n). */
export function lossTermGrad(loss: 'mse' | 'mae' | 'bce', t: number, p: number): number {
  switch (loss) {
    case 'mse':
      return 2 * (p - t);
    case 'mae':
      return Math.sign(p - t);
    case 'bce':
      return (p - t) / (p * (1 - p));
  }
}

/** −Σ_c t_c log p_c for one row; a class with t_c = 0 adds nothing. */
export function crossEntropyTerm(t: readonly number[], p: readonly number[]): number {
  let s = 0;
  for (let c = 0; c < p.length; c++) if (t[c]! !== 0) s -= t[c]! * Math.log(p[c]!);
  return s;
}

/**
 * The loss, its terms and ∂loss/∂prediction. `target` and `prediction` have one shape:
 * number[] for mse, mae and bce; number[][] (rows of class probabilities) for cross_entropy.
 */
export function basicLoss(
  loss: BasicLoss,
  target: readonly number[] | readonly (readonly number[])[],
  prediction: readonly number[] | readonly (readonly number[])[],
): LossResult {
  const n = prediction.length;
  if (loss === 'cross_entropy') {
    const t = target as readonly (readonly number[])[];
    const p = prediction as readonly (readonly number[])[];
    const terms = p.map((row, i) => crossEntropyTerm(t[i]!, row));
    const grad = p.map((row, i) =>
      row.map((pc, c) => (t[i]![c]! === 0 ? 0 : -t[i]![c]! / (pc * n))),
    );
    return { loss: mean(terms), terms, grad };
  }
  const t = target as readonly number[];
  const p = prediction as readonly number[];
  const terms = p.map((pi, i) => lossTerm(loss, t[i]!, pi));
  const grad = p.map((pi, i) => lossTermGrad(loss, t[i]!, pi) / n);
  return { loss: mean(terms), terms, grad };
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

/**
 * The loss as one prediction moves over [lo, hi] (n + 1 points), every other value fixed:
 * `index` is [sample] or [row, class].
 */
export function lossCurve(
  loss: BasicLoss,
  target: readonly number[] | readonly (readonly number[])[],
  prediction: readonly number[] | readonly (readonly number[])[],
  index: readonly number[],
  lo: number,
  hi: number,
  n = 200,
): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k <= n; k++) {
    const v = lo + ((hi - lo) * k) / n;
    out.push([v, basicLoss(loss, target, withValue(prediction, index, v)).loss]);
  }
  return out;
}

/** `prediction` with the entry at `index` ([i] or [i, c]) replaced by v. */
export function withValue(
  prediction: readonly number[] | readonly (readonly number[])[],
  index: readonly number[],
  v: number,
): number[] | number[][] {
  const [i, c] = index as [number, number?];
  if (c === undefined) return (prediction as readonly number[]).map((x, j) => (j === i ? v : x));
  return (prediction as readonly (readonly number[])[]).map((row, j) =>
    j === i ? row.map((x, k) => (k === c ? v : x)) : [...row],
  );
}
