/**
 * Numerically stable softmax: softmax(x)_i = exp(x_i − max x) / Σ_j exp(x_j − max x).
 * Entries equal to −Infinity (masked) get weight exactly 0; a row that is all −Infinity
 * returns all zeros rather than NaN.
 * @param logits - [n]
 * @returns [n], non-negative, summing to 1 (unless every entry was −Infinity)
 */
export function softmax(logits: ArrayLike<number>): Float32Array {
  const out = new Float32Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  if (max === -Infinity) return out;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(logits[i]! - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}
