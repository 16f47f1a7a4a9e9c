/**
 * A float64 reference for the GAN lesson's networks and losses: the MLP forward pass and the
 * losses of DESIGN.md, in plain numbers. The train-step graphs (runtime/graph/gan.ts) are
 * checked against it (finite differences of these functions give the gradients).
 *
 * Parameters are one flat vector, per layer l: the weight W_l [out, in] (PyTorch's nn.Linear
 * layout, row-major) then the bias b_l [out]; every layer but the last is followed by the
 * activation.
 */

export type MlpActivation = 'relu' | 'leaky_relu' | 'tanh';
export type GanLossKind = 'minimax' | 'non-saturating' | 'lsgan';

/** Number of parameters of an MLP with layer sizes `dims` = [in, ...hidden, out]. */
export function mlpParamCount(dims: readonly number[]): number {
  let n = 0;
  for (let l = 0; l + 1 < dims.length; l++) n += dims[l + 1]! * (dims[l]! + 1);
  return n;
}

/**
 * The MLP forward pass, h_{l+1} = act(h_l W_lᵀ + b_l), no activation after the last layer.
 * @param x - [B, dims[0]] row-major
 * @param theta - the flat parameters (see the file comment)
 * @param slope - leaky_relu's slope for x < 0
 * @returns [B, dims[last]] row-major
 */
export function mlpForward(
  x: ArrayLike<number>,
  batch: number,
  dims: readonly number[],
  theta: ArrayLike<number>,
  activation: MlpActivation,
  slope: number,
): Float64Array {
  let h = Float64Array.from(x);
  let offset = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const [nIn, nOut] = [dims[l]!, dims[l + 1]!];
    const bOffset = offset + nIn * nOut;
    const next = new Float64Array(batch * nOut);
    for (let r = 0; r < batch; r++)
      for (let o = 0; o < nOut; o++) {
        let s = theta[bOffset + o]!;
        for (let i = 0; i < nIn; i++) s += h[r * nIn + i]! * theta[offset + o * nIn + i]!;
        if (l + 2 < dims.length) {
          if (activation === 'relu') s = Math.max(0, s);
          else if (activation === 'leaky_relu') s = s > 0 ? s : slope * s;
          else s = Math.tanh(s);
        }
        next[r * nOut + o] = s;
      }
    h = next;
    offset = bOffset + nOut;
  }
  return h;
}

/** log(1 + eˣ), stable for any x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

const mean = (xs: ArrayLike<number>, f: (v: number) => number) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += f(xs[i]!);
  return s / xs.length;
};

/**
 * The GAN losses from D's raw outputs on real and fake samples (logits; for lsgan the raw
 * score is D's output). With D = σ(logit): lossD = −mean log D(x) − mean log(1 − D(G(z)));
 * minimax lossG = mean log(1 − D(G(z))); non-saturating lossG = −mean log D(G(z)).
 * lsgan: lossD = ½ mean (D(x) − 1)² + ½ mean D(G(z))², lossG = ½ mean (D(G(z)) − 1)².
 * @param realOut - [B] D's outputs on real samples
 * @param fakeOut - [B] D's outputs on generated samples
 */
export function ganLossesFromLogits(
  realOut: ArrayLike<number>,
  fakeOut: ArrayLike<number>,
  loss: GanLossKind,
): { lossD: number; lossG: number } {
  if (loss === 'lsgan')
    return {
      lossD: 0.5 * mean(realOut, (d) => (d - 1) ** 2) + 0.5 * mean(fakeOut, (d) => d * d),
      lossG: 0.5 * mean(fakeOut, (d) => (d - 1) ** 2),
    };
  // log σ(l) = −softplus(−l), log(1 − σ(l)) = −softplus(l).
  const lossD = mean(realOut, (l) => softplus(-l)) + mean(fakeOut, (l) => softplus(l));
  const lossG =
    loss === 'minimax' ? -mean(fakeOut, (l) => softplus(l)) : mean(fakeOut, (l) => softplus(-l));
  return { lossD, lossG };
}
