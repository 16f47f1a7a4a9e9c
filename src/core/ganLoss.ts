/**
 * GAN losses over a batch of discriminator outputs, with every term a lesson shows.
 *
 * D ends with a sigmoid: D(·) = σ(a) ∈ [0, 1], where a is its logit. For a batch of real
 * samples x₁…x_m and generated ones G(z₁)…G(z_n) the losses are means over the batch and
 * `log` is natural (PyTorch's `binary_cross_entropy` / `mse_loss` with reduction 'mean'):
 *
 *   minimax and non-saturating share the discriminator's loss
 *     L_D = −mean_i log D(x_i) − mean_j log(1 − D(G(z_j)))
 *   minimax (Goodfellow et al. 2014, the game's value):  L_G = mean_j log(1 − D(G(z_j)))
 *   non-saturating (the paper's practical choice):      L_G = −mean_j log D(G(z_j))
 *   least squares (LSGAN, a = 0, b = c = 1):
 *     L_D = ½·mean_i (D(x_i) − 1)² + ½·mean_j D(G(z_j))²,   L_G = ½·mean_j (D(G(z_j)) − 1)²
 *
 * The log losses are never negative: each term is −log of a number in [0, 1]. At the edges
 * they are infinite (D(x) = 0 gives −log 0 = +∞; D(G(z)) = 1 gives −log(1 − 1) = +∞ in L_D
 * and log 0 = −∞ in the minimax L_G). We return ±Infinity there — never NaN — and list each
 * such value in `infinite`, naming the field, so a view can say why. (PyTorch's
 * `binary_cross_entropy` clamps log at −100 instead, so it prints 100 where we print ∞.)
 */

export const GAN_LOSSES = ['minimax', 'non-saturating', 'lsgan'] as const;
export type GanLoss = (typeof GAN_LOSSES)[number];

/** One value that makes a loss infinite: its field (`dReal.2`) and which loss. */
export interface InfiniteTerm {
  field: string;
  loss: 'lossD' | 'lossG';
  value: number;
}

export interface GanLossTerms {
  loss: GanLoss;
  /** [m] the discriminator's per-sample loss on real samples (−log D(x) or ½(D(x) − 1)²). */
  realTerms: number[];
  /** [n] the discriminator's per-sample loss on fakes (−log(1 − D(G(z))) or ½D(G(z))²). */
  fakeTerms: number[];
  /** mean(realTerms) and mean(fakeTerms), so lossD = lossDReal + lossDFake. */
  lossDReal: number;
  lossDFake: number;
  lossD: number;
  /** [n] the generator's per-sample loss; lossG = mean(genTerms). */
  genTerms: number[];
  lossG: number;
  /** [n] ∂ℓ_G/∂D(G(z_j)) of each per-sample term ℓ_G (∂L_G/∂D(G(z_j)) is this ÷ n). */
  dGenDp: number[];
  /** [n] ∂ℓ_G/∂a_j through the sigmoid, a_j = D's logit on G(z_j): what G's update sees. */
  dGenDlogit: number[];
  /** Values at 0 or 1 that make a loss infinite (empty when both losses are finite). */
  infinite: InfiniteTerm[];
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

/** −log p, with −log 0 = +∞ (Math.log already gives −∞ at 0; named for the reader). */
const negLog = (p: number) => -Math.log(p);

/**
 * Checks a batch of discriminator outputs: 1 or more finite values in [0, 1].
 * @throws RangeError naming the field, e.g. `dReal.2 = 1.5 is outside [0, 1]`
 */
export function checkProbabilities(values: readonly number[], field: string): void {
  if (values.length === 0) throw new RangeError(`${field} needs at least one value`);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new RangeError(`${field}.${i} is not a number`);
    }
    if (v < 0 || v > 1) {
      throw new RangeError(`${field}.${i} = ${v} is outside [0, 1] (D outputs a probability)`);
    }
  });
}

/** ℓ_G(p) of one fake with D(G(z)) = p. */
export function generatorTerm(loss: GanLoss, p: number): number {
  switch (loss) {
    case 'minimax':
      return Math.log(1 - p);
    case 'non-saturating':
      return negLog(p);
    case 'lsgan':
      return 0.5 * (p - 1) ** 2;
  }
}

/** ∂ℓ_G/∂p: minimax −1/(1 − p), non-saturating −1/p, lsgan p − 1 (±∞ at the log's edge). */
export function generatorGradP(loss: GanLoss, p: number): number {
  switch (loss) {
    case 'minimax':
      return -1 / (1 - p);
    case 'non-saturating':
      return -1 / p;
    case 'lsgan':
      return p - 1;
  }
}

/**
 * ∂ℓ_G/∂a with p = σ(a), using dσ/da = p(1 − p): minimax −p, non-saturating −(1 − p),
 * lsgan (p − 1)·p(1 − p). Finite everywhere. Early in training D rejects fakes (p ≈ 0): the
 * minimax gradient −p vanishes there while the non-saturating one is ≈ −1 — why the
 * non-saturating loss is used in practice.
 */
export function generatorGradLogit(loss: GanLoss, p: number): number {
  switch (loss) {
    case 'minimax':
      return -p;
    case 'non-saturating':
      return -(1 - p);
    case 'lsgan':
      return (p - 1) * p * (1 - p);
  }
}

/**
 * Every term of a GAN's losses for one batch.
 * @param dReal - [m] D(x_i) ∈ [0, 1], the discriminator's outputs on real samples
 * @param dFake - [n] D(G(z_j)) ∈ [0, 1], its outputs on generated samples
 * @throws RangeError naming the field when a value is missing, not a number or outside [0, 1]
 */
export function ganLossTerms(
  dReal: readonly number[],
  dFake: readonly number[],
  loss: GanLoss,
): GanLossTerms {
  checkProbabilities(dReal, 'dReal');
  checkProbabilities(dFake, 'dFake');
  const ls = loss === 'lsgan';
  const realTerms = dReal.map((p) => (ls ? 0.5 * (p - 1) ** 2 : negLog(p)));
  const fakeTerms = dFake.map((p) => (ls ? 0.5 * p ** 2 : negLog(1 - p)));
  const genTerms = dFake.map((p) => generatorTerm(loss, p));
  const infinite: InfiniteTerm[] = [];
  realTerms.forEach((v, i) => {
    if (!Number.isFinite(v)) infinite.push({ field: `dReal.${i}`, loss: 'lossD', value: v });
  });
  fakeTerms.forEach((v, j) => {
    if (!Number.isFinite(v)) infinite.push({ field: `dFake.${j}`, loss: 'lossD', value: v });
  });
  genTerms.forEach((v, j) => {
    if (!Number.isFinite(v)) infinite.push({ field: `dFake.${j}`, loss: 'lossG', value: v });
  });
  const lossDReal = mean(realTerms);
  const lossDFake = mean(fakeTerms);
  return {
    loss,
    realTerms,
    fakeTerms,
    lossDReal,
    lossDFake,
    lossD: lossDReal + lossDFake,
    genTerms,
    lossG: mean(genTerms),
    dGenDp: dFake.map((p) => generatorGradP(loss, p)),
    dGenDlogit: dFake.map((p) => generatorGradLogit(loss, p)),
    infinite,
  };
}

/**
 * The two losses of a batch, as the embed API's GAN losses getResult returns them.
 * @param dReal - [m] D(x_i) ∈ [0, 1]
 * @param dFake - [n] D(G(z_j)) ∈ [0, 1]
 */
export function ganLosses(
  dReal: readonly number[],
  dFake: readonly number[],
  loss: GanLoss,
): { lossD: number; lossG: number } {
  const { lossD, lossG } = ganLossTerms(dReal, dFake, loss);
  return { lossD, lossG };
}

/** A curve over D(G(z)) = p: [p, value] points. */
export type Curve = [number, number][];

/**
 * ℓ_G(p) and |∂ℓ_G/∂a| over p ∈ [lo, 1 − lo] (`count` evenly spaced points), for the
 * losses view's charts. The ends are kept off 0 and 1, where the log losses are infinite.
 */
export function generatorCurves(
  loss: GanLoss,
  count = 99,
  lo = 0.005,
): { loss: Curve; gradLogit: Curve } {
  const ps = Array.from({ length: count }, (_, i) => lo + ((1 - 2 * lo) * i) / (count - 1));
  return {
    loss: ps.map((p) => [p, generatorTerm(loss, p)]),
    gradLogit: ps.map((p) => [p, Math.abs(generatorGradLogit(loss, p))]),
  };
}
