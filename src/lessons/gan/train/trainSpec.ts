/**
 * From the playground's config (config.ts) to what the trainer takes (runtime/ganTrainer.ts),
 * and from the trainer's snapshots to what the plane draws. Pure functions, unit-tested.
 */
import { PLANE, sampleData, type Point } from '../../../core/ganData';
import { mixSeed } from '../../../core/random';
import type { GanHyper, GanSnapshot, GanSpec, GanViewConfig } from '../../../store/training';
import type { Arrow, FieldLayer, Polyline } from '../../../viz/ScatterPlot';
import type { NetworkConfig, TrainConfig } from './config';

/** Real points the trainer draws batches from (with replacement). */
export const TRAIN_POINTS = 2048;
/** Real points the distance is measured against (and the plane shows). */
export const REFERENCE_POINTS = 256;

/** What the plane draws: 256 fakes, D on a 40 × 40 grid, G over a 15 × 15 noise grid. */
export const VIEW: GanViewConfig = {
  samples: REFERENCE_POINTS,
  gridSize: 40,
  bounds: [PLANE.min, PLANE.max, PLANE.min, PLANE.max],
  manifoldSize: 15,
};

const hidden = (n: NetworkConfig) => Array.from({ length: n.layers }, () => n.width);

export function specOf(c: TrainConfig): GanSpec {
  return {
    dataDim: 2,
    noiseDim: c.noiseDim,
    batch: c.batchSize,
    generator: { hidden: hidden(c.generator), activation: c.generator.activation },
    discriminator: { hidden: hidden(c.discriminator), activation: c.discriminator.activation },
    loss: c.loss,
    optimizerG: c.optimizerG.kind,
    optimizerD: c.optimizerD.kind,
    dStepsPerG: c.dSteps,
  };
}

/**
 * The scalar hyperparameters. The trainer has one momentum and one pair of Adam betas for
 * both networks: the generator's values are used where its optimizer has them, else D's
 * (the view edits both together, so they agree unless a link sets them apart).
 */
export function hyperOf(c: TrainConfig): GanHyper {
  const g = c.optimizerG;
  const d = c.optimizerD;
  const sgd = g.kind === 'sgd' ? g : d.kind === 'sgd' ? d : null;
  const adam = g.kind === 'adam' ? g : d.kind === 'adam' ? d : null;
  return {
    lrG: g.lr,
    lrD: d.lr,
    momentum: sgd?.momentum ?? 0,
    beta1: adam?.beta1 ?? 0.5,
    beta2: adam?.beta2 ?? 0.999,
    eps: 1e-8,
  };
}

/** The real data set the trainer samples from: TRAIN_POINTS points of the distribution. */
export function dataOf(c: TrainConfig): Float32Array {
  const points = sampleData(c.data, TRAIN_POINTS, mixSeed(c.seed, 101));
  return Float32Array.from(points.flat());
}

/** The real points the distance is measured against (the same for every frame of a run). */
export function referenceOf(c: TrainConfig): Point[] {
  return sampleData(c.data, REFERENCE_POINTS, mixSeed(c.seed, 102));
}

/** What a config change asks of a running trainer. */
export interface ConfigChange {
  /** New seed: fresh parameters, data and noise streams. */
  reset: boolean;
  data: boolean;
  spec: boolean;
  /** Widths, depths, activations or noise dim changed: the parameters start over. */
  architecture: boolean;
  hyper: boolean;
}

const json = (v: unknown) => JSON.stringify(v);

export function changeOf(prev: TrainConfig, next: TrainConfig): ConfigChange {
  const a = specOf(prev);
  const b = specOf(next);
  return {
    reset: prev.seed !== next.seed,
    data: json(prev.data) !== json(next.data),
    spec: json(a) !== json(b),
    architecture:
      a.noiseDim !== b.noiseDim ||
      json([a.generator, a.discriminator]) !== json([b.generator, b.discriminator]),
    hyper: json(hyperOf(prev)) !== json(hyperOf(next)),
  };
}

/** Interleaved [x, y, x, y, …] as points. */
export function pointsOf(flat: ArrayLike<number>): Point[] {
  const out: Point[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

/**
 * D over the plane as a field layer. The trainer's grid starts at (xMin, yMin) (row 0 at the
 * bottom); the plot's row 0 is the top, so rows are flipped. LSGAN's raw score is shown on
 * the same 0–1 scale (its targets), clamped.
 */
export function fieldOf(snap: Pick<GanSnapshot, 'grid' | 'gridSize'>): FieldLayer {
  const n = snap.gridSize;
  const values = new Float32Array(n * n);
  for (let r = 0; r < n; r++) values.set(snap.grid.subarray((n - 1 - r) * n, (n - r) * n), r * n);
  return { values, cols: n, rows: n, colormap: 'diverging', range: [0, 1] };
}

/**
 * Arrows along −∂ℓ_G/∂x at each fake sample (where G's loss pushes it), scaled together so
 * the longest is `longest` plane units: directions and relative sizes are what matter.
 */
export function arrowsOf(
  fake: ArrayLike<number>,
  grad: ArrayLike<number>,
  longest = 0.15,
): Arrow[] {
  let max = 0;
  for (let i = 0; i + 1 < grad.length; i += 2)
    max = Math.max(max, Math.hypot(grad[i]!, grad[i + 1]!));
  if (!(max > 0) || !Number.isFinite(max)) return [];
  const k = longest / max;
  const out: Arrow[] = [];
  for (let i = 0; i + 1 < fake.length; i += 2) {
    const [x, y] = [fake[i]!, fake[i + 1]!];
    out.push({ from: [x, y], to: [x - k * grad[i]!, y - k * grad[i + 1]!] });
  }
  return out;
}

/**
 * The manifold as lines: G over a size × size noise grid (noise dim 2) gives its rows and
 * columns, warped; noise dim 1 gives one curve.
 */
export function manifoldLines(manifold: ArrayLike<number> | null, size: number): Polyline[] {
  if (!manifold || size < 2) return [];
  const pts = pointsOf(manifold);
  if (pts.length === size) return [pts];
  if (pts.length !== size * size) return [];
  const lines: Polyline[] = [];
  for (let r = 0; r < size; r++) lines.push(pts.slice(r * size, (r + 1) * size));
  for (let c = 0; c < size; c++)
    lines.push(Array.from({ length: size }, (_, r) => pts[r * size + c]!));
  return lines;
}

/** D's output from its logit: σ(l) for the log losses, the raw score for LSGAN. */
export const dOutput = (loss: TrainConfig['loss'], logit: number) =>
  loss === 'lsgan' ? logit : 1 / (1 + Math.exp(-logit));
