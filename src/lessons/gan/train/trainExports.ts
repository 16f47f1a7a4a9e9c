/**
 * The 2-D playground's numbers for the export dialog (CSV / JSON): what the canvases draw
 * from the latest frame — the real and fake point sets, the curves over training, and D's
 * output over the plane. Pure: built from a frame only when the user exports.
 */
import { PLANE } from '../../../core/ganData';
import { toCsv, type ExportData } from '../../../store/exports';
import type { TrainFrame } from './trainController';
import { pointsOf } from './trainSpec';

/** The latest numbers the stats panel shows (same fields as the embed API's getResult). */
const latestOf = (f: TrainFrame) => ({
  steps: f.stepsG,
  stepsD: f.stepsD,
  lossD: f.lossD,
  lossG: f.lossG,
  meanDReal: f.meanDReal,
  meanDFake: f.meanDFake,
  distance: f.distance,
});

/** Real and fake samples: `{real: [[x, y]…], fake: [[x, y]…]}`; CSV `set,x,y`. */
export function samplesExport(f: TrainFrame): ExportData {
  const real = f.reference.map(([x, y]) => [x, y]);
  const fake = pointsOf(f.snapshot.fake).map(([x, y]) => [x, y]);
  return {
    json: { ...latestOf(f), bounds: PLANE, real, fake },
    csv: toCsv(
      [...real.map((p) => ['real', ...p]), ...fake.map((p) => ['fake', ...p])],
      ['set', 'x', 'y'],
    ),
  };
}

/** The loss and D-output curves (x = G's step count) and the distance curve; CSV by step. */
export function historyExport(f: TrainFrame): ExportData {
  const c = f.curves;
  return {
    json: {
      latest: latestOf(f),
      step: c.x,
      lossD: c.lossD,
      lossG: c.lossG,
      meanDReal: c.meanDReal,
      meanDFake: c.meanDFake,
      distance: { step: c.swX, values: c.sw },
    },
    csv: toCsv(
      c.x.map((x, i) => [x, c.lossD[i], c.lossG[i], c.meanDReal[i], c.meanDFake[i]]),
      ['step', 'lossD', 'lossG', 'meanDReal', 'meanDFake'],
    ),
  };
}

/**
 * D's output over the plane, [gridSize, gridSize]: row r, column c is D at
 * x = min + (c + ½)·(max − min)/n, y = min + (r + ½)·(max − min)/n (row 0 at the bottom).
 */
export function gridExport(f: TrainFrame): ExportData {
  const { grid, gridSize: n } = f.snapshot;
  const values = Array.from({ length: n }, (_, r) => Array.from(grid.subarray(r * n, (r + 1) * n)));
  return {
    json: { steps: f.stepsG, shape: [n, n], bounds: PLANE, values },
    csv: toCsv(values),
  };
}
