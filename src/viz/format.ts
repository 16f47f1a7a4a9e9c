/** Formats a number for display: up to `digits` significant digits, no trailing noise. */
export function formatValue(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e4 || abs < 1e-3) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}

export function formatPercent(p: number, decimals = 1): string {
  return (p * 100).toFixed(decimals);
}
