/** Below float32's smallest normal number: noise from training, shown as 0, never as 1e-39. */
const FLOAT32_MIN_NORMAL = 1.1754944e-38;

/** Formats a number for display: up to `digits` significant digits, no trailing noise. */
export function formatValue(v: number, digits = 3): string {
  // ∞, −∞ and NaN as such: never an empty or cut-off cell.
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0 || Math.abs(v) < FLOAT32_MIN_NORMAL) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e4 || abs < 1e-3) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}

export function formatPercent(p: number, decimals = 1): string {
  return (p * 100).toFixed(decimals);
}

/** An axis tick: 10k, 2.5M rather than 1.00e+4; small values as formatValue. */
export function formatTick(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return formatValue(v, 3);
}
