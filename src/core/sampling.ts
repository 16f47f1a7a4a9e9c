/**
 * Choosing the next token from a language model's logits: temperature, top-k, top-p (nucleus)
 * and a seeded draw. The order is the usual one (as in Hugging Face `generate`): divide the
 * logits by the temperature, softmax, keep the k most likely tokens, keep the smallest set
 * whose probability reaches p, renormalise, draw. All pure, so the view can re-sample live
 * from one set of logits without running the model again.
 */
import { mixSeed, seededRandom } from './random';

export interface SamplingOptions {
  /** > 0. Below 1 sharpens the distribution, above 1 flattens it. */
  temperature: number;
  /** Keep only the k most likely tokens; 0 keeps all. */
  topK: number;
  /** Keep the smallest set of most likely tokens whose probabilities sum to ≥ p; 1 keeps all. */
  topP: number;
}

/**
 * softmax(z / T)_i = exp((z_i − max z) / T) / Σ_j exp((z_j − max z) / T), in float64.
 * @param logits - [V]
 * @param temperature - T > 0
 * @returns [V] probabilities summing to 1
 */
export function softmaxWithTemperature(
  logits: ArrayLike<number>,
  temperature: number,
): Float64Array {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  if (max === -Infinity) return out;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i]! - max) / temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}

/** Indices by probability, highest first; ties go to the lower index (stable). */
function byProbability(probs: ArrayLike<number>): number[] {
  return Array.from({ length: probs.length }, (_, i) => i).sort(
    (a, b) => probs[b]! - probs[a]! || a - b,
  );
}

function renormalize(probs: ArrayLike<number>, keep: readonly number[]): Float64Array {
  const out = new Float64Array(probs.length);
  let sum = 0;
  for (const i of keep) sum += probs[i]!;
  if (sum > 0) for (const i of keep) out[i] = probs[i]! / sum;
  return out;
}

/**
 * Keeps the k most likely entries (ties broken by lower index) and renormalises.
 * @param probs - [V] probabilities
 * @param k - 0 (or ≥ V) keeps everything
 * @returns [V], zero outside the k kept entries, summing to 1
 */
export function filterTopK(probs: ArrayLike<number>, k: number): Float64Array {
  if (k <= 0 || k >= probs.length) return renormalize(probs, byProbability(probs));
  return renormalize(probs, byProbability(probs).slice(0, k));
}

/**
 * Nucleus filter: keeps the most likely entries, in order, until their sum reaches p (the
 * entry that crosses p is kept, so at least one is), and renormalises.
 * @param probs - [V] probabilities summing to 1
 * @param p - in (0, 1]; 1 keeps everything with probability > 0
 * @returns [V], zero outside the nucleus, summing to 1
 */
export function filterTopP(probs: ArrayLike<number>, p: number): Float64Array {
  const order = byProbability(probs);
  const keep: number[] = [];
  let sum = 0;
  for (const i of order) {
    if (probs[i]! <= 0) break;
    keep.push(i);
    sum += probs[i]!;
    // A little slack, so p = 1 is not defeated by rounding (Σ may be 0.9999999).
    if (p < 1 && sum >= p - 1e-12) break;
  }
  return renormalize(probs, keep);
}

/**
 * The distribution the next token is drawn from: temperature, then top-k, then top-p.
 * @param logits - [V]
 * @returns [V] probabilities summing to 1
 */
export function nextTokenDistribution(
  logits: ArrayLike<number>,
  { temperature, topK, topP }: SamplingOptions,
): Float64Array {
  return filterTopP(filterTopK(softmaxWithTemperature(logits, temperature), topK), topP);
}

/**
 * Inverse-CDF draw: the first index whose cumulative probability exceeds u. Entries with
 * probability 0 are never drawn.
 * @param probs - [V] probabilities summing to 1
 * @param u - uniform in [0, 1)
 */
export function sampleIndex(probs: ArrayLike<number>, u: number): number {
  let cum = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i]! <= 0) continue;
    last = i;
    cum += probs[i]!;
    if (u < cum) return i;
  }
  // Rounding left Σ a hair below u: the last possible entry.
  return last;
}

/**
 * The uniform used to draw the token at `position` (the index the new token will have):
 * its own stream per position, so the same seed, text and settings always give the same
 * token, however the text was reached.
 */
export function samplingUniform(seed: number, position: number): number {
  return seededRandom(mixSeed(seed, position))();
}

/** The n most likely entries, highest first (ties by lower index), with their probabilities. */
export function topEntries(
  probs: ArrayLike<number>,
  n: number,
): { index: number; probability: number }[] {
  return byProbability(probs)
    .slice(0, n)
    .map((index) => ({ index, probability: probs[index]! }));
}

/** Shannon entropy −Σ p log p in nats (0·log 0 = 0). */
export function entropy(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}
