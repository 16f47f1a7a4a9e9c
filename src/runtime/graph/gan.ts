/**
 * The GAN lesson's train-step graphs, built with reverse-mode autodiff (./autodiff.ts) for the
 * architecture the user picks. Four graphs per spec:
 *
 * - `iteration`: `dStepsPerG` discriminator steps, then one generator step — a whole training
 *   iteration in one `session.run`, since at these sizes the cost is per run and per node;
 * - `dStep` / `gStep`: one step of one network, with the intermediates the step-by-step view
 *   shows (logits, per-sample loss terms, the gradient and its norm);
 * - `view`: G on a fixed noise batch (the fake samples), D over a grid of points (the
 *   heatmap), the gradient of G's loss at each fake sample (the arrows), and G over a grid of
 *   noise (the manifold).
 *
 * Parameters travel as one flat vector per network (`thetaG`, `thetaD`, in the order of
 * `mlpLayout`: for each layer its weight [out, in] — PyTorch's nn.Linear layout — then its
 * bias [out]); optimizer state likewise (Adam: `mG`/`vG`, `mD`/`vD` and the step count
 * `tG`/`tD` as a scalar; SGD: the momentum buffer `bufG`/`bufD`). One flat vector makes an
 * optimizer update 13 (Adam) or 4 (SGD) nodes for a whole network instead of per tensor.
 *
 * Hyperparameters are scalar graph inputs (`lrG`, `lrD`, `momentum`, `beta1`, `beta2`,
 * `eps`), so changing them never rebuilds a graph. The loss and the optimizers are build
 * parameters: computing every loss and weighting them by a one-hot input would add a dozen
 * nodes to every step for a choice that changes rarely, and a rebuild keeps the parameters.
 *
 * Losses (DESIGN.md, embed API), with l the discriminator's logit:
 * - minimax and non-saturating: D(x) = σ(l); lossD = −mean log D(x) − mean log(1 − D(G(z)))
 *   = mean softplus(−l_real) + mean softplus(l_fake), computed stably from the logits;
 *   minimax lossG = mean log(1 − D(G(z))) = −mean softplus(l_fake);
 *   non-saturating lossG = −mean log D(G(z)) = mean softplus(−l_fake).
 * - lsgan (Mao et al.): D(x) = l, the raw output, no sigmoid;
 *   lossD = ½ mean (D(x) − 1)² + ½ mean D(G(z))²; lossG = ½ mean (D(G(z)) − 1)².
 * Optimizers are torch.optim's: SGD with momentum (dampening 0, buf = momentum·buf + g,
 * θ −= lr·buf; momentum 0 is plain SGD) and Adam (bias-corrected, eps outside the sqrt).
 */
import { Autodiff, type Val } from './autodiff';

export type GanActivation = 'relu' | 'leaky_relu' | 'tanh';
export type GanLoss = 'minimax' | 'non-saturating' | 'lsgan';
export type GanOptimizer = 'sgd' | 'adam';

/** The slope of leaky_relu for x < 0, as in most GANs (PyTorch's own default is 0.01). */
export const GAN_LEAKY_SLOPE = 0.2;
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_WIDTH = 128;

export interface MlpSpec {
  /** Hidden layer widths, 0–6 layers of 1–128 units. */
  hidden: number[];
  activation: GanActivation;
}

export interface GanSpec {
  dataDim: number;
  noiseDim: number;
  batch: number;
  /** Output layer linear (no activation): the generator can reach any point of the plane. */
  generator: MlpSpec;
  /** One output: a logit (minimax, non-saturating) or the raw LSGAN score. */
  discriminator: MlpSpec;
  loss: GanLoss;
  optimizerG: GanOptimizer;
  optimizerD: GanOptimizer;
  dStepsPerG: number;
}

/** Sizes of the view graph's inputs. */
export interface GanViewSizes {
  /** Fake samples drawn (rows of `zView`). */
  samples: number;
  /** Points D is evaluated on (rows of `grid`), e.g. 48 × 48 for the heatmap. */
  gridPoints: number;
  /** Rows of `zManifold` (G over a grid of noise); 0 for none. */
  manifoldPoints: number;
}

/** Where one tensor lives in a network's flat parameter vector. */
export interface ParamEntry {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

export interface GraphIo {
  name: string;
  dims: number[];
}

export interface GanGraph {
  /** Equal for equal graphs: a session cache key. */
  key: string;
  bytes: Uint8Array;
  inputs: GraphIo[];
  outputs: GraphIo[];
  nodeCount: number;
}

export interface GanGraphs {
  iteration: GanGraph;
  dStep: GanGraph;
  gStep: GanGraph;
  view: GanGraph;
  layoutG: ParamEntry[];
  layoutD: ParamEntry[];
}

/** Flat-vector layout of an MLP: per layer, `layer{l}.weight` [out, in] then `layer{l}.bias`. */
export function mlpLayout(inDim: number, hidden: readonly number[], outDim: number): ParamEntry[] {
  const dims = [inDim, ...hidden, outDim];
  const entries: ParamEntry[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const [i, o] = [dims[l]!, dims[l + 1]!];
    entries.push({ name: `layer${l}.weight`, shape: [o, i], offset, size: o * i });
    offset += o * i;
    entries.push({ name: `layer${l}.bias`, shape: [o], offset, size: o });
    offset += o;
  }
  return entries;
}

/** Total number of parameters in a layout. */
export const paramCount = (layout: readonly ParamEntry[]) => layout.reduce((n, e) => n + e.size, 0);

const ACTIVATIONS: readonly GanActivation[] = ['relu', 'leaky_relu', 'tanh'];
const LOSSES: readonly GanLoss[] = ['minimax', 'non-saturating', 'lsgan'];
const OPTIMIZERS: readonly GanOptimizer[] = ['sgd', 'adam'];

function checkInt(what: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi)
    throw new Error(`GAN spec: ${what} must be an integer from ${lo} to ${hi}, got ${v}`);
}

/** Throws, naming the field, unless `spec` describes a graph we build. */
export function checkGanSpec(spec: GanSpec): void {
  checkInt('dataDim', spec.dataDim, 1, 16);
  checkInt('noiseDim', spec.noiseDim, 1, 64);
  checkInt('batch', spec.batch, 1, 4096);
  checkInt('dStepsPerG', spec.dStepsPerG, 1, 10);
  for (const net of ['generator', 'discriminator'] as const) {
    const { hidden, activation } = spec[net];
    checkInt(`${net}.hidden.length`, hidden.length, 0, MAX_HIDDEN_LAYERS);
    hidden.forEach((w, i) => checkInt(`${net}.hidden[${i}]`, w, 1, MAX_WIDTH));
    if (!ACTIVATIONS.includes(activation))
      throw new Error(`GAN spec: unknown ${net}.activation "${String(activation)}"`);
  }
  if (!LOSSES.includes(spec.loss)) throw new Error(`GAN spec: unknown loss "${String(spec.loss)}"`);
  for (const o of ['optimizerG', 'optimizerD'] as const)
    if (!OPTIMIZERS.includes(spec[o]))
      throw new Error(`GAN spec: unknown ${o} "${String(spec[o])}"`);
}

/** A stable string of everything that shapes the graphs. */
export function ganKey(spec: GanSpec): string {
  const net = (m: MlpSpec) => `${m.hidden.join('x') || 'linear'}-${m.activation}`;
  return [
    `d${spec.dataDim}`,
    `z${spec.noiseDim}`,
    `b${spec.batch}`,
    `G${net(spec.generator)}`,
    `D${net(spec.discriminator)}`,
    spec.loss,
    `${spec.optimizerG}-${spec.optimizerD}`,
    `k${spec.dStepsPerG}`,
  ].join(':');
}

// --- building blocks ---------------------------------------------------------------------

type Params = Val[];

function activate(ad: Autodiff, x: Val, a: GanActivation): Val {
  if (a === 'relu') return ad.relu(x);
  if (a === 'leaky_relu') return ad.leakyRelu(x, GAN_LEAKY_SLOPE);
  return ad.tanh(x);
}

/** The MLP forward pass: Gemm and activation per hidden layer, a linear output layer. */
function mlp(ad: Autodiff, x: Val, params: Params, activation: GanActivation): Val {
  let h = x;
  const layers = params.length / 2;
  for (let l = 0; l < layers; l++) {
    h = ad.linear(h, params[2 * l]!, params[2 * l + 1]);
    if (l + 1 < layers) h = activate(ad, h, activation);
  }
  return h;
}

/** The per-sample loss terms whose batch means make the losses (see the file comment). */
function dTerms(ad: Autodiff, logits: Val, loss: GanLoss, batch: number): Val {
  // Rows 0..B−1 are real, B..2B−1 fake.
  if (loss === 'lsgan') {
    const target = ad.tensor(
      'dTarget',
      [2 * batch, 1],
      Array.from({ length: 2 * batch }, (_, i) => (i < batch ? 1 : 0)),
    );
    return ad.mul(ad.square(ad.sub(logits, target)), 0.5);
  }
  const sign = ad.tensor(
    'dSign',
    [2 * batch, 1],
    Array.from({ length: 2 * batch }, (_, i) => (i < batch ? -1 : 1)),
  );
  return ad.softplus(ad.mul(logits, sign));
}

function gTerms(ad: Autodiff, logits: Val, loss: GanLoss): Val {
  if (loss === 'lsgan') return ad.mul(ad.square(ad.sub(logits, 1)), 0.5);
  if (loss === 'minimax') return ad.neg(ad.softplus(logits));
  return ad.softplus(ad.neg(logits));
}

/** D's output as the lesson reports it: σ(logit), or the raw score for LSGAN. */
function dOutput(ad: Autodiff, logits: Val, loss: GanLoss): Val {
  return loss === 'lsgan' ? logits : ad.raw('Sigmoid', [logits], logits.shape);
}

interface Hyper {
  lr: Val;
  momentum?: Val;
  beta1?: Val;
  beta2?: Val;
  eps?: Val;
  oneMinusBeta1?: Val;
  oneMinusBeta2?: Val;
}

interface NetState {
  theta: Val;
  /** Adam: m, v, t; SGD: buf. */
  m?: Val;
  v?: Val;
  t?: Val;
  buf?: Val;
}

/** torch.optim semantics on a flat vector; `t` is the step count before this step. */
function optimize(
  ad: Autodiff,
  kind: GanOptimizer,
  s: NetState,
  grad: Val,
  h: Hyper,
  names?: Record<keyof NetState, string | undefined>,
): NetState {
  return ad.untracked(() => {
    if (kind === 'sgd') {
      const buf = ad.add(ad.mul(s.buf!, h.momentum!), grad, names?.buf);
      return { theta: ad.sub(s.theta, ad.mul(buf, h.lr), names?.theta), buf };
    }
    const t = ad.add(s.t!, 1, names?.t);
    // m ← β1 m + (1 − β1) g, written m + (1 − β1)(g − m): one Mul fewer.
    const m = ad.add(s.m!, ad.mul(ad.sub(grad, s.m!), h.oneMinusBeta1!), names?.m);
    const v = ad.add(s.v!, ad.mul(ad.sub(ad.mul(grad, grad), s.v!), h.oneMinusBeta2!), names?.v);
    const bc1 = ad.sub(1, ad.raw('Pow', [h.beta1!, t], []));
    const bc2 = ad.sub(1, ad.raw('Pow', [h.beta2!, t], []));
    const stepSize = ad.div(h.lr, bc1);
    const invSqrtBc2 = ad.raw('Reciprocal', [ad.raw('Sqrt', [bc2], [])], []);
    const denom = ad.add(ad.mul(ad.raw('Sqrt', [v], v.shape), invSqrtBc2), h.eps!);
    const theta = ad.sub(s.theta, ad.mul(ad.div(m, denom), stepSize), names?.theta);
    return { theta, m, v, t };
  });
}

interface Builder {
  ad: Autodiff;
  spec: GanSpec;
  layoutG: ParamEntry[];
  layoutD: ParamEntry[];
}

function declareState(b: Builder, net: 'G' | 'D'): NetState {
  const { ad, spec } = b;
  const n = paramCount(net === 'G' ? b.layoutG : b.layoutD);
  const kind = net === 'G' ? spec.optimizerG : spec.optimizerD;
  const s: NetState = { theta: ad.input(`theta${net}`, [n]) };
  if (kind === 'adam') {
    s.m = ad.input(`m${net}`, [n]);
    s.v = ad.input(`v${net}`, [n]);
    s.t = ad.input(`t${net}`, []);
  } else s.buf = ad.input(`buf${net}`, [n]);
  return s;
}

function declareHyper(b: Builder, net: 'G' | 'D', shared: Partial<Hyper>): Hyper {
  const { ad, spec } = b;
  const kind = net === 'G' ? spec.optimizerG : spec.optimizerD;
  const h: Hyper = { lr: ad.input(`lr${net}`, []) };
  if (kind === 'sgd') {
    shared.momentum ??= ad.input('momentum', []);
    h.momentum = shared.momentum;
  } else {
    if (!shared.beta1) {
      shared.beta1 = ad.input('beta1', []);
      shared.beta2 = ad.input('beta2', []);
      shared.eps = ad.input('eps', []);
      shared.oneMinusBeta1 = ad.untracked(() => ad.sub(1, shared.beta1!));
      shared.oneMinusBeta2 = ad.untracked(() => ad.sub(1, shared.beta2!));
    }
    Object.assign(h, {
      beta1: shared.beta1,
      beta2: shared.beta2,
      eps: shared.eps,
      oneMinusBeta1: shared.oneMinusBeta1,
      oneMinusBeta2: shared.oneMinusBeta2,
    });
  }
  return h;
}

const pieces = (ad: Autodiff, theta: Val, layout: readonly ParamEntry[]) =>
  ad.unflatten(
    theta,
    layout.map((e) => e.shape),
  );

const stateNames = (net: 'G' | 'D', final: boolean): Record<keyof NetState, string | undefined> =>
  final
    ? {
        theta: `theta${net}_next`,
        m: `m${net}_next`,
        v: `v${net}_next`,
        t: undefined,
        buf: `buf${net}_next`,
      }
    : { theta: undefined, m: undefined, v: undefined, t: undefined, buf: undefined };

function outputState(ad: Autodiff, net: 'G' | 'D', s: NetState): void {
  for (const k of ['theta', 'm', 'v', 'buf'] as const) {
    const v = s[k];
    if (v) ad.output(v, `${k}${net}_next`);
  }
  // The L1 norm of the new parameters: NaN or ∞ as soon as any parameter is, for the
  // trainer's divergence check (a NaN can hide behind a ReLU in the losses).
  ad.output(ad.raw('ReduceL1', [s.theta], [], { keepdims: 0 }), `norm${net}`);
}

interface DStepOut {
  state: NetState;
  fake: Val;
  lossD: Val;
  meanD: Val;
  logits: Val;
  terms: Val;
  grad: Val;
}

/** One discriminator step on `real` and G(z). */
function dStep(
  b: Builder,
  gParams: Params,
  sD: NetState,
  h: Hyper,
  real: Val,
  z: Val,
  final: boolean,
): DStepOut {
  const { ad, spec } = b;
  const dParams = pieces(ad, sD.theta, b.layoutD);
  const fake = mlp(ad, z, gParams, spec.generator.activation);
  const x = ad.concat([real, fake], 0);
  const logits = mlp(ad, x, dParams, spec.discriminator.activation);
  const terms = dTerms(ad, logits, spec.loss, spec.batch);
  const lossD = ad.mul(ad.sum(terms), 1 / spec.batch);
  const grads = ad.grad(lossD, dParams);
  const grad = ad.untracked(() => ad.flatten(grads));
  const meanD = ad.untracked(() =>
    ad.meanAxis(ad.reshape(dOutput(ad, logits, spec.loss), [2, spec.batch]), 1),
  );
  const state = optimize(ad, spec.optimizerD, sD, grad, h, stateNames('D', final));
  return { state, fake, lossD, meanD, logits, terms, grad };
}

interface GStepOut {
  state: NetState;
  lossG: Val;
  logits: Val;
  terms: Val;
  grad: Val;
  fake: Val;
  fakeGrad: Val;
}

/** One generator step on G(z) through the (fixed) discriminator `thetaD`. */
function gStep(
  b: Builder,
  sG: NetState,
  thetaD: Val,
  h: Hyper,
  z: Val,
  wantFakeGrad: boolean,
  gParams: Params = pieces(b.ad, sG.theta, b.layoutG),
): GStepOut {
  const { ad, spec } = b;
  const dParams = pieces(ad, thetaD, b.layoutD);
  const fake = mlp(ad, z, gParams, spec.generator.activation);
  const logits = mlp(ad, fake, dParams, spec.discriminator.activation);
  const terms = gTerms(ad, logits, spec.loss);
  const lossG = ad.mean(terms);
  const wrt = wantFakeGrad ? [...gParams, fake] : gParams;
  const grads = ad.grad(lossG, wrt);
  const grad = ad.untracked(() => ad.flatten(grads.slice(0, gParams.length)));
  // ∂lossG/∂fake_i carries the 1/B of the mean; times B it is the per-sample ∂ℓ_i/∂x_i.
  const fakeGrad = wantFakeGrad
    ? ad.untracked(() => ad.mul(grads[gParams.length]!, spec.batch))
    : fake;
  const state = optimize(ad, spec.optimizerG, sG, grad, h, stateNames('G', true));
  return { state, lossG, logits, terms, grad, fake, fakeGrad };
}

/** The built graph of `ad` under a session cache key (every runtime/graph train step's). */
export function finish(ad: Autodiff, key: string): GanGraph {
  return {
    key,
    bytes: ad.toBytes(),
    inputs: ad.inputs,
    outputs: ad.outputs,
    nodeCount: ad.nodeCount,
  };
}

function newBuilder(spec: GanSpec, name: string): Builder {
  return {
    ad: new Autodiff(`glassbox_gan_${name}`),
    spec,
    layoutG: mlpLayout(spec.noiseDim, spec.generator.hidden, spec.dataDim),
    layoutD: mlpLayout(spec.dataDim, spec.discriminator.hidden, 1),
  };
}

/**
 * The fused iteration. Inputs: state of both networks, hyperparameters, `real{i}` [B, dataDim]
 * and `zD{i}` [B, noiseDim] for each D step i < dStepsPerG, `zG` [B, noiseDim].
 * Outputs: the new state (`thetaD_next`, … — the step counts are the trainer's), `lossD` and
 * `meanD` [mean D(x), mean D(G(z))] of the last D step (before its update), `lossG` (through
 * the updated D), `normG`, `normD`.
 */
function iterationGraph(spec: GanSpec, key: string): GanGraph {
  const b = newBuilder(spec, 'iteration');
  const { ad } = b;
  const sG = declareState(b, 'G');
  let sD = declareState(b, 'D');
  const shared: Partial<Hyper> = {};
  const hG = declareHyper(b, 'G', shared);
  const hD = declareHyper(b, 'D', shared);
  const gParams = pieces(ad, sG.theta, b.layoutG);
  let last: DStepOut | undefined;
  for (let i = 0; i < spec.dStepsPerG; i++) {
    const real = ad.input(`real${i}`, [spec.batch, spec.dataDim]);
    const z = ad.input(`zD${i}`, [spec.batch, spec.noiseDim]);
    last = dStep(b, gParams, sD, hD, real, z, i + 1 === spec.dStepsPerG);
    sD = last.state;
  }
  const zG = ad.input('zG', [spec.batch, spec.noiseDim]);
  const g = gStep(b, sG, sD.theta, hG, zG, false, gParams);
  outputState(ad, 'G', g.state);
  outputState(ad, 'D', sD);
  ad.output(last!.lossD, 'lossD');
  ad.output(last!.meanD, 'meanD');
  ad.output(g.lossG, 'lossG');
  return finish(ad, `${key}:iteration`);
}

/**
 * One D step with its intermediates: besides the state, `lossD`, `meanD`, `normD`: `fake`
 * [B, dataDim] (G(zD0)),
 * `dLogits` [2B, 1] (rows 0..B−1 real, B..2B−1 fake), `dTerms` [2B, 1] per-sample loss terms
 * (lossD = mean of the real half + mean of the fake half), `gradD` [PD] (the flat gradient,
 * in `layoutD`'s order) and `gradNormD` (its L2 norm). Inputs as the iteration's, one batch.
 */
function dStepGraph(spec: GanSpec, key: string): GanGraph {
  const b = newBuilder(spec, 'd_step');
  const { ad } = b;
  const thetaG = ad.input('thetaG', [paramCount(b.layoutG)]);
  const sD = declareState(b, 'D');
  const hD = declareHyper(b, 'D', {});
  const real = ad.input('real0', [spec.batch, spec.dataDim]);
  const z = ad.input('zD0', [spec.batch, spec.noiseDim]);
  const d = dStep(b, pieces(ad, thetaG, b.layoutG), sD, hD, real, z, true);
  outputState(ad, 'D', d.state);
  ad.output(d.lossD, 'lossD');
  ad.output(d.meanD, 'meanD');
  ad.output(d.fake, 'fake');
  ad.output(d.logits, 'dLogits');
  ad.output(d.terms, 'dTerms');
  ad.output(d.grad, 'gradD');
  ad.output(ad.raw('ReduceL2', [d.grad], [], { keepdims: 0 }), 'gradNormD');
  return finish(ad, `${key}:d_step`);
}

/**
 * One G step with its intermediates: besides the state, `lossG`, `normG`: `fake` [B, dataDim],
 * `gLogits` [B, 1], `gTerms` [B, 1] (lossG is their mean), `fakeGrad` [B, dataDim]
 * (∂ℓ_i/∂fake_i, the per-sample gradient: G moves each sample along −fakeGrad), `gradG` [PG]
 * and `gradNormG`.
 */
function gStepGraph(spec: GanSpec, key: string): GanGraph {
  const b = newBuilder(spec, 'g_step');
  const { ad } = b;
  const sG = declareState(b, 'G');
  const thetaD = ad.input('thetaD', [paramCount(b.layoutD)]);
  const hG = declareHyper(b, 'G', {});
  const z = ad.input('zG', [spec.batch, spec.noiseDim]);
  const g = gStep(b, sG, thetaD, hG, z, true);
  outputState(ad, 'G', g.state);
  ad.output(g.lossG, 'lossG');
  ad.output(g.fake, 'fake');
  ad.output(g.logits, 'gLogits');
  ad.output(g.terms, 'gTerms');
  ad.output(g.fakeGrad, 'fakeGrad');
  ad.output(g.grad, 'gradG');
  ad.output(ad.raw('ReduceL2', [g.grad], [], { keepdims: 0 }), 'gradNormG');
  return finish(ad, `${key}:g_step`);
}

/**
 * The view: inputs `thetaG`, `thetaD`, `zView` [samples, noiseDim], `grid` [gridPoints,
 * dataDim], `zManifold` [manifoldPoints, noiseDim] (when manifoldPoints > 0). Outputs `fake`
 * [samples, dataDim], `dFake` [samples, 1] (D's output on them), `fakeGrad` [samples, dataDim]
 * (∂ℓ_G/∂x at each fake sample, ℓ_G the per-sample generator loss: arrows point along
 * −fakeGrad), `dGrid` [gridPoints, 1] (D's output: σ(logit), or the raw LSGAN score) and
 * `manifold` [manifoldPoints, dataDim].
 */
function viewGraph(spec: GanSpec, sizes: GanViewSizes, key: string): GanGraph {
  const b = newBuilder(spec, 'view');
  const { ad } = b;
  const thetaG = ad.input('thetaG', [paramCount(b.layoutG)]);
  const thetaD = ad.input('thetaD', [paramCount(b.layoutD)]);
  const zView = ad.input('zView', [sizes.samples, spec.noiseDim]);
  const grid = ad.input('grid', [sizes.gridPoints, spec.dataDim]);
  const gParams = pieces(ad, thetaG, b.layoutG);
  const dParams = pieces(ad, thetaD, b.layoutD);
  const fake = mlp(ad, zView, gParams, spec.generator.activation);
  const logits = mlp(ad, fake, dParams, spec.discriminator.activation);
  const [fakeGrad] = ad.grad(ad.sum(gTerms(ad, logits, spec.loss)), [fake]);
  ad.output(fake, 'fake');
  ad.output(dOutput(ad, logits, spec.loss), 'dFake');
  ad.output(fakeGrad!, 'fakeGrad');
  const gridLogits = mlp(ad, grid, dParams, spec.discriminator.activation);
  ad.output(dOutput(ad, gridLogits, spec.loss), 'dGrid');
  if (sizes.manifoldPoints > 0) {
    const zm = ad.input('zManifold', [sizes.manifoldPoints, spec.noiseDim]);
    ad.output(mlp(ad, zm, gParams, spec.generator.activation), 'manifold');
  }
  return finish(ad, `${key}:view${sizes.samples}-${sizes.gridPoints}-${sizes.manifoldPoints}`);
}

/** Every graph for a spec. Throws, naming the field, on a spec out of range. */
export function ganGraphs(spec: GanSpec, view: GanViewSizes): GanGraphs {
  checkGanSpec(spec);
  for (const [k, v] of Object.entries(view))
    checkInt(`view.${k}`, v as number, k === 'manifoldPoints' ? 0 : 1, 1 << 16);
  const key = `gan:${ganKey(spec)}`;
  return {
    iteration: iterationGraph(spec, key),
    dStep: dStepGraph(spec, key),
    gStep: gStepGraph(spec, key),
    view: viewGraph(spec, view, key),
    layoutG: mlpLayout(spec.noiseDim, spec.generator.hidden, spec.dataDim),
    layoutD: mlpLayout(spec.dataDim, spec.discriminator.hidden, 1),
  };
}
