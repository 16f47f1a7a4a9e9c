import { z } from 'zod';
import { BASIC_LOSSES, type BasicLoss } from '../../../core/basicLoss';

export const LOSSES = BASIC_LOSSES;
export type LossFn = BasicLoss;

/** Samples for mse, mae and bce; rows and classes for cross_entropy. */
export const MAX_SAMPLES = 64;
export const MAX_ROWS = 16;
export const MAX_CLASSES = 16;

const num = z.number({ error: 'must be a number' }).finite('must be finite');
const values = z.union([z.array(num), z.array(z.array(num))]);

/**
 * The losses view: a loss, the targets and the predictions (number[] for mse, mae and bce;
 * rows of class probabilities for cross_entropy). Shapes and ranges are checked here, naming
 * the field (`config.prediction.2`), so links, the editor and the embed API share them.
 */
export const lossesConfigSchema = z
  .object({
    mode: z.literal('losses'),
    loss: z.enum(LOSSES).default('mse'),
    target: values,
    prediction: values,
  })
  .strict()
  .superRefine((c, ctx) => {
    const bad = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const isRows = (v: unknown[]) => v.length > 0 && v.every(Array.isArray);
    if (c.loss === 'cross_entropy') {
      const t = c.target as unknown[];
      const p = c.prediction as unknown[];
      for (const [field, v] of [
        ['target', t],
        ['prediction', p],
      ] as const) {
        if (v.length < 1 || v.length > MAX_ROWS) bad([field], `needs 1 to ${MAX_ROWS} rows`);
        else if (!isRows(v)) bad([field], 'must be rows of class probabilities (number[][])');
      }
      if (!isRows(t) || !isRows(p) || t.length > MAX_ROWS || p.length > MAX_ROWS) return;
      const tr = t as number[][];
      const pr = p as number[][];
      if (tr.length !== pr.length)
        bad(['target'], `has ${tr.length} rows, prediction ${pr.length}`);
      pr.forEach((row, i) => {
        if (row.length < 2 || row.length > MAX_CLASSES)
          bad(['prediction', i], `needs 2 to ${MAX_CLASSES} classes`);
        else if (tr[i] && tr[i].length !== row.length)
          bad(['target', i], `has ${tr[i].length} classes, prediction ${row.length}`);
        row.forEach((v, j) => {
          if (!(v > 0 && v <= 1)) bad(['prediction', i, j], 'must be a probability in (0, 1]');
        });
      });
      tr.forEach((row, i) =>
        row.forEach((v, j) => {
          if (!(v >= 0 && v <= 1)) bad(['target', i, j], 'must be in [0, 1]');
        }),
      );
      return;
    }
    const t = c.target as unknown[];
    const p = c.prediction as unknown[];
    for (const [field, v] of [
      ['target', t],
      ['prediction', p],
    ] as const) {
      if (v.length < 1 || v.length > MAX_SAMPLES) bad([field], `needs 1 to ${MAX_SAMPLES} values`);
      else if (v.some(Array.isArray)) bad([field], `must be a list of numbers for ${c.loss}`);
    }
    if (t.some(Array.isArray) || p.some(Array.isArray)) return;
    if (t.length !== p.length) bad(['target'], `has ${t.length} values, prediction ${p.length}`);
    if (c.loss === 'bce') {
      (p as number[]).forEach((v, i) => {
        if (!(v > 0 && v < 1)) bad(['prediction', i], 'must be a probability in (0, 1)');
      });
      (t as number[]).forEach((v, i) => {
        if (!(v >= 0 && v <= 1)) bad(['target', i], 'must be in [0, 1]');
      });
    }
  });

export type LossesConfig = z.infer<typeof lossesConfigSchema>;

export const lossesDefaults: LossesConfig = {
  mode: 'losses',
  loss: 'mse',
  target: [1, 0, 1, 1, 0],
  prediction: [0.9, 0.1, 0.8, 0.9, 0.1],
};
