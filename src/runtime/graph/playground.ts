/**
 * The Basics playground's graphs, built with reverse-mode autodiff (./autodiff.ts): the same
 * network, loss and step as the float64 reference core/playground.ts (see its comment):
 * hidden layers with one activation, one output unit (tanh for classification, linear for
 * regression), the batch mean of ½ (ŷ − y)², L1 or L2 over the weights, plain SGD.
 *
 * - `iteration`: `steps` SGD steps in one `session.run` (the cost at these sizes is per run);
 *   inputs `theta` [P], `x{i}` [B, F], `y{i}` [B, 1] for i < steps, `lr`, `regRate`; outputs
 *   `theta_next`, `loss` (the data loss of each step's batch before its update, [steps]) and
 *   `norm` (the L1 norm of theta_next: NaN or ∞ as soon as a parameter is).
 * - `step`: one step with everything the stepper shows: besides those, `z{l}` and `a{l}` per
 *   layer after the input, `reg`, `grad` [P] (the flat gradient of loss + reg).
 * - `view`: `theta`, `grid` [G, F], `points` [N, F]; outputs `h{l}` [G, width] — every
 *   neuron's output over the grid, the last the network's — and `pred` [N] on the points.
 *
 * Parameters are one flat vector in `mlpLayout`'s order (PyTorch's nn.Linear layout). The
 * regularization kind is a build parameter; its rate and the learning rate are inputs.
 */
import { Autodiff, type Val } from './autodiff';
import { finish, mlpLayout, paramCount, type GanGraph, type ParamEntry } from './gan';

export type PgGraphActivation = 'relu' | 'tanh' | 'sigmoid' | 'linear';

export interface PgSpec {
  features: number;
  hidden: number[];
  activation: PgGraphActivation;
  output: 'tanh' | 'linear';
  regularization: 'none' | 'l1' | 'l2';
  batch: number;
  /** SGD steps per run of the iteration graph. */
  steps: number;
}

export interface PgViewSizes {
  gridPoints: number;
  points: number;
}

export interface PgGraphs {
  iteration: GanGraph;
  step: GanGraph;
  view: GanGraph;
  layout: ParamEntry[];
}

function act(ad: Autodiff, x: Val, a: PgGraphActivation | 'tanh' | 'linear'): Val {
  if (a === 'relu') return ad.relu(x);
  if (a === 'tanh') return ad.tanh(x);
  if (a === 'sigmoid') return ad.sigmoid(x);
  return x;
}

/** z and a per layer after the input. */
function forward(ad: Autodiff, spec: PgSpec, x: Val, params: Val[]) {
  const z: Val[] = [];
  const a: Val[] = [];
  let h = x;
  const layers = params.length / 2;
  for (let l = 0; l < layers; l++) {
    const zl = ad.linear(h, params[2 * l]!, params[2 * l + 1]);
    h = act(ad, zl, l + 1 === layers ? spec.output : spec.activation);
    z.push(zl);
    a.push(h);
  }
  return { z, a };
}

interface StepOut {
  theta: Val;
  loss: Val;
  reg: Val | null;
  grad: Val;
  z: Val[];
  a: Val[];
}

function sgdStep(
  ad: Autodiff,
  spec: PgSpec,
  layout: ParamEntry[],
  theta: Val,
  x: Val,
  y: Val,
  lr: Val,
  regRate: Val,
  nextName?: string,
): StepOut {
  const params = ad.unflatten(
    theta,
    layout.map((e) => e.shape),
  );
  const { z, a } = forward(ad, spec, x, params);
  const loss = ad.mean(ad.mul(ad.square(ad.sub(a.at(-1)!, y)), 0.5));
  let reg: Val | null = null;
  if (spec.regularization !== 'none') {
    const weights = params.filter((_, i) => i % 2 === 0);
    const terms = weights.map((w) =>
      spec.regularization === 'l1' ? ad.sum(ad.abs(w)) : ad.mul(ad.sum(ad.square(w)), 0.5),
    );
    reg = ad.mul(
      terms.reduce((s, t) => ad.add(s, t)),
      regRate,
    );
  }
  const total = reg ? ad.add(loss, reg) : loss;
  const grad = ad.untracked(() => ad.flatten(ad.grad(total, params)));
  const next = ad.untracked(() => ad.sub(theta, ad.mul(grad, lr), nextName));
  return { theta: next, loss, reg, grad, z, a };
}

export const pgLayout = (spec: Pick<PgSpec, 'features' | 'hidden'>) =>
  mlpLayout(spec.features, spec.hidden, 1);

export function pgKey(spec: PgSpec): string {
  return [
    `f${spec.features}`,
    `h${spec.hidden.join('x') || 'none'}`,
    spec.activation,
    spec.output,
    spec.regularization,
  ].join(':');
}

function trainGraph(spec: PgSpec, steps: number, detail: boolean, key: string): GanGraph {
  const ad = new Autodiff(`glassbox_playground_${detail ? 'step' : 'iteration'}`);
  const layout = pgLayout(spec);
  let theta = ad.input('theta', [paramCount(layout)]);
  const lr = ad.input('lr', []);
  const regRate = ad.input('regRate', []);
  const losses: Val[] = [];
  let last: StepOut | undefined;
  for (let i = 0; i < steps; i++) {
    const x = ad.input(`x${i}`, [spec.batch, spec.features]);
    const y = ad.input(`y${i}`, [spec.batch, 1]);
    last = sgdStep(
      ad,
      spec,
      layout,
      theta,
      x,
      y,
      lr,
      regRate,
      i + 1 === steps ? 'theta_next' : undefined,
    );
    losses.push(ad.untracked(() => ad.reshape(last!.loss, [1])));
    theta = last.theta;
  }
  ad.output(theta, 'theta_next');
  ad.output(
    ad.untracked(() => ad.concat(losses, 0)),
    'loss',
  );
  ad.output(ad.raw('ReduceL1', [theta], [], { keepdims: 0 }), 'norm');
  if (detail && last) {
    last.z.forEach((z, l) => ad.output(z, `z${l}`));
    last.a.forEach((a, l) => ad.output(a, `a${l}`));
    ad.output(last.reg ?? ad.constant(0), 'reg');
    ad.output(last.grad, 'grad');
  }
  return finish(ad, key);
}

function viewGraph(spec: PgSpec, sizes: PgViewSizes, key: string): GanGraph {
  const ad = new Autodiff('glassbox_playground_view');
  const layout = pgLayout(spec);
  const theta = ad.input('theta', [paramCount(layout)]);
  const grid = ad.input('grid', [sizes.gridPoints, spec.features]);
  const points = ad.input('points', [sizes.points, spec.features]);
  const params = ad.unflatten(
    theta,
    layout.map((e) => e.shape),
  );
  forward(ad, spec, grid, params).a.forEach((a, l) => ad.output(a, `h${l}`));
  const out = forward(ad, spec, points, params).a.at(-1)!;
  ad.output(ad.reshape(out, [sizes.points]), 'pred');
  return finish(ad, key);
}

/** Every graph for a spec. */
export function playgroundGraphs(spec: PgSpec, view: PgViewSizes): PgGraphs {
  const key = `playground:${pgKey(spec)}`;
  return {
    iteration: trainGraph(spec, spec.steps, false, `${key}:b${spec.batch}:iteration${spec.steps}`),
    step: trainGraph(spec, 1, true, `${key}:b${spec.batch}:step`),
    view: viewGraph(spec, view, `${key}:view${view.gridPoints}-${view.points}`),
    layout: pgLayout(spec),
  };
}
