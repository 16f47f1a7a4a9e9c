/** Numbers in the losses view: 4 decimals, and ∞ / −∞ spelled out rather than NaN. */
export function fmt4(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  return v.toFixed(4);
}

/** A probability as typed (up to 3 decimals, no trailing zeros). */
export const fmtP = (p: number) => String(+p.toFixed(3));
