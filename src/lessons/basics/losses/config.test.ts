import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { basicLoss } from '../../../core/basicLoss';
import { problemsOf } from '../../../store/lessonRegistry';
import { activationsConfigSchema, activationsDefaults } from '../activations/config';
import { lossesConfigSchema, lossesDefaults } from './config';
import { lossesResult } from './lessonParts';
import { COPIED, LOSS_PRESETS, PRESET_DATA } from './presets';

const fixture = JSON.parse(
  readFileSync(
    new URL('../../../../models/fixtures/basics_losses.golden.json', import.meta.url),
    'utf8',
  ),
) as { cases: { name: string; loss: string; target: unknown; prediction: unknown }[] };

const fields = (config: unknown, schema: z.ZodType = lossesConfigSchema) => {
  const r = schema.safeParse(config);
  return r.success ? [] : problemsOf(r.error, 'config').map((p) => p.field);
};

describe('losses config', () => {
  it('accepts the defaults and every preset', () => {
    expect(fields(lossesDefaults)).toEqual([]);
    for (const p of LOSS_PRESETS) expect(fields({ mode: 'losses', ...PRESET_DATA[p] })).toEqual([]);
  });
  it('names the field of a bad value', () => {
    const bce = { mode: 'losses', loss: 'bce', target: [1, 0, 1], prediction: [0.9, 0.1, 1] };
    expect(fields(bce)).toEqual(['config.prediction.2']);
    expect(fields({ ...bce, target: [1, 0], prediction: [0.5, 0.5, 0.5] })).toEqual([
      'config.target',
    ]);
    expect(fields({ ...bce, prediction: [[0.5, 0.5]] })).toContain('config.prediction');
    const ce = PRESET_DATA.cross_entropy;
    expect(
      fields({
        mode: 'losses',
        ...ce,
        prediction: [
          [0.7, 0.2, 0.1],
          [0.5, 0.5],
          [0, 0.6, 0.4],
        ],
      }),
    ).toEqual(['config.target.1', 'config.prediction.2.0']);
    expect(fields({ mode: 'losses', ...ce, target: [1, 0, 0] })).toContain('config.target');
    expect(fields({ ...lossesDefaults, target: [] })).toContain('config.target');
  });
});

describe('losses presets', () => {
  it('are the recipe’s preset cases (so the fixture checks them)', () => {
    for (const p of LOSS_PRESETS) {
      const c = fixture.cases.find((x) => x.name === `preset:${p}`)!;
      expect({ loss: c.loss, target: c.target, prediction: c.prediction }).toEqual(PRESET_DATA[p]);
    }
  });
  it('the copied cross-entropy example’s own formula −Σ t log p gives 0.3285', () => {
    const { target, prediction } = PRESET_DATA.bce as { target: number[]; prediction: number[] };
    const own = -target.reduce((s, t, i) => s + t * Math.log(prediction[i]!), 0);
    expect(own).toBeCloseTo(COPIED.bce!.ownFormula!, 4);
    expect(basicLoss('bce', target, prediction).loss).toBeCloseTo(0.2027, 4);
  });
  it('getResult answers {loss, terms, grad}', async () => {
    expect(Object.keys(await lossesResult(lossesDefaults)).sort()).toEqual([
      'grad',
      'loss',
      'terms',
    ]);
  });
});

describe('activations config', () => {
  it('names the field of a bad value', () => {
    expect(fields(activationsDefaults, activationsConfigSchema)).toEqual([]);
    expect(fields({ ...activationsDefaults, xs: [] }, activationsConfigSchema)).toEqual([
      'config.xs',
    ]);
    expect(fields({ ...activationsDefaults, fn: 'swish' }, activationsConfigSchema)).toEqual([
      'config.fn',
    ]);
    expect(fields({ ...activationsDefaults, temperature: 0 }, activationsConfigSchema)).toEqual([
      'config.temperature',
    ]);
  });
});
