/**
 * The output-shape formulas written out with the current numbers, as the view prints them:
 *   conv:        ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1
 *   transposed:  (n−1)s − 2p + d(k−1) + 1
 *   pooling:     ⌊(n − k)/s⌋ + 1
 * The values come from the same arithmetic as core's convOutputSize; the tests check both agree.
 */

export interface ShapeParams {
  stride: number;
  padding: number;
  dilation: number;
}

export interface AxisFormula {
  /** The formula in symbols, with `n` the input size along this axis. */
  general: string;
  /** The same formula with the numbers put in. */
  numbers: string;
  /** `general` and `numbers` in TeX, for the typeset formula. */
  tex: { general: string; numbers: string };
  value: number;
  /**
   * Why there is no output (value ≤ 0), with the numbers: `span` cells the dilated kernel
   * covers and the `available` cells of the padded input (conv); or the `full` output
   * that 2p cropped away (transposed).
   */
  empty?:
    | { kind: 'conv'; span: number; available: number }
    | { kind: 'transposed'; full: number; cropped: number };
}

const M = '−'; // typographic minus

/** `H` → `H`, `H_out` → `H_{\mathrm{out}}` (TeX). */
export function texSymbol(symbol: string): string {
  const [base, sub] = symbol.split('_');
  return sub ? `${base}_{\\mathrm{${sub}}}` : base!;
}

/** Output size along one axis of a convolution (or transposed convolution). */
export function axisFormula(
  symbol: string,
  n: number,
  k: number,
  { stride: s, padding: p, dilation: d }: ShapeParams,
  transposed: boolean,
): AxisFormula {
  if (transposed) {
    const value = (n - 1) * s - 2 * p + d * (k - 1) + 1;
    const full = (n - 1) * s + d * (k - 1) + 1;
    return {
      general: `(${symbol}${M}1)s ${M} 2p + d(k${M}1) + 1`,
      numbers: `(${n}${M}1)·${s} ${M} 2·${p} + ${d}·(${k}${M}1) + 1`,
      tex: {
        general: `(${texSymbol(symbol)}-1)\\,s - 2p + d\\,(k-1) + 1`,
        numbers: `(${n}-1)\\cdot ${s} - 2\\cdot ${p} + ${d}\\cdot(${k}-1) + 1`,
      },
      value,
      ...(value <= 0 ? { empty: { kind: 'transposed' as const, full, cropped: 2 * p } } : {}),
    };
  }
  const value = Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  return {
    general: `⌊(${symbol} + 2p ${M} d(k${M}1) ${M} 1)/s⌋ + 1`,
    numbers: `⌊(${n} + 2·${p} ${M} ${d}·(${k}${M}1) ${M} 1)/${s}⌋ + 1`,
    tex: {
      general: `\\left\\lfloor \\frac{${texSymbol(symbol)} + 2p - d\\,(k-1) - 1}{s} \\right\\rfloor + 1`,
      numbers: `\\left\\lfloor \\frac{${n} + 2\\cdot ${p} - ${d}\\cdot(${k}-1) - 1}{${s}} \\right\\rfloor + 1`,
    },
    value,
    ...(value <= 0
      ? { empty: { kind: 'conv' as const, span: d * (k - 1) + 1, available: n + 2 * p } }
      : {}),
  };
}

/** Output size along one axis of pooling (no padding), k the window and s its stride. */
export function poolFormula(symbol: string, n: number, k: number, s: number): AxisFormula {
  const value = Math.floor((n - k) / s) + 1;
  return {
    general: `⌊(${symbol} ${M} k)/s⌋ + 1`,
    numbers: `⌊(${n} ${M} ${k})/${s}⌋ + 1`,
    tex: {
      general: `\\left\\lfloor \\frac{${texSymbol(symbol)} - k}{s} \\right\\rfloor + 1`,
      numbers: `\\left\\lfloor \\frac{${n} - ${k}}{${s}} \\right\\rfloor + 1`,
    },
    value,
    ...(value <= 0 ? { empty: { kind: 'conv' as const, span: k, available: n } } : {}),
  };
}
