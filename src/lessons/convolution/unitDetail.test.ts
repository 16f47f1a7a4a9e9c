import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInitializers } from '../../runtime/graph/onnx';
import { CNN_LAYERS, type CnnActivations } from './cnn';
import type { Unit } from './config';
import { computeUnitDetail, unitActivation, unitInRange, unitStepCount } from './unitDetail';

/**
 * The detail view recomputes a unit from the layer before with the model's own weights (read
 * from the .onnx) and the core/ references. Against PyTorch's activations (golden fixture,
 * digit 2, which has every layer), each recomputed number must equal the model's, within the
 * fixture's 1e-4.
 */
const golden = JSON.parse(
  readFileSync(new URL('../../../models/fixtures/mnist_cnn.golden.json', import.meta.url), 'utf8'),
) as {
  tolerance: number;
  cases: {
    label: number;
    input: { data: number[] };
    outputs: Record<string, { data: number[] }>;
  }[];
};
const weights = readInitializers(
  new Uint8Array(readFileSync(new URL('../../../models/mnist_cnn.onnx', import.meta.url))),
);
const c = golden.cases.find((g) => g.label === 2)!;
const acts = Object.fromEntries(
  CNN_LAYERS.map((l) => [
    l.id,
    {
      data: Float32Array.from(l.id === 'input' ? c.input.data : c.outputs[l.id]!.data),
      dims: l.shape,
    },
  ]),
) as CnnActivations;

const units: Unit[] = [
  { layer: 'conv1', channel: 3, y: 0, x: 0 }, // a corner: the window reaches into the padding
  { layer: 'conv1', channel: 7, y: 14, x: 13 },
  { layer: 'relu1', channel: 2, y: 10, x: 12 },
  { layer: 'pool1', channel: 5, y: 6, x: 7 },
  { layer: 'conv2', channel: 4, y: 6, x: 7 },
  { layer: 'conv2', channel: 15, y: 13, x: 0 },
  { layer: 'relu2', channel: 9, y: 4, x: 4 },
  { layer: 'pool2', channel: 11, y: 3, x: 2 },
  { layer: 'logits', channel: 2, y: 0, x: 0 },
  { layer: 'probabilities', channel: 2, y: 0, x: 0 },
];

describe('unit detail = the model’s own activation', () => {
  it.each(units.map((u) => [`${u.layer}[${u.channel},${u.y},${u.x}]`, u] as const))(
    '%s',
    (_, unit) => {
      const d = computeUnitDetail(unit, acts, weights);
      const computed =
        d.kind === 'conv'
          ? d.mac.result
          : d.kind === 'relu'
            ? d.post
            : d.kind === 'pool'
              ? d.pool.result
              : d.kind === 'dense'
                ? d.sum
                : d.result;
      expect(Math.abs(computed - unitActivation(acts, unit))).toBeLessThan(golden.tolerance);
      if (d.kind === 'conv') {
        // One multiply-accumulate per input map and kernel cell, then bias and ReLU.
        expect(d.mac.cells).toHaveLength(unitStepCount(unit) - 2);
        const last = d.mac.cells[d.mac.cells.length - 1]!;
        expect(Math.abs(last.sum + d.mac.bias - d.mac.result)).toBeLessThan(1e-5);
        // ReLU of the conv unit equals the next layer's activation at the same place.
        const relu = unitActivation(acts, {
          ...unit,
          layer: unit.layer === 'conv1' ? 'relu1' : 'relu2',
        });
        expect(Math.abs(d.relu - relu)).toBeLessThan(golden.tolerance);
      }
    },
  );

  it('counts the steps of each kind of unit', () => {
    expect(unitStepCount({ layer: 'conv1', channel: 0, y: 0, x: 0 })).toBe(1 * 9 + 2);
    expect(unitStepCount({ layer: 'conv2', channel: 0, y: 0, x: 0 })).toBe(8 * 9 + 2);
    expect(unitStepCount({ layer: 'pool2', channel: 0, y: 0, x: 0 })).toBe(5);
    expect(unitStepCount({ layer: 'logits', channel: 0, y: 0, x: 0 })).toBe(1);
  });

  it('rejects units outside their layer', () => {
    expect(unitInRange({ layer: 'conv2', channel: 16, y: 0, x: 0 })).toBe(false);
    expect(unitInRange({ layer: 'pool2', channel: 0, y: 7, x: 0 })).toBe(false);
    expect(unitInRange({ layer: 'logits', channel: 3, y: 1, x: 0 })).toBe(false);
    expect(unitInRange({ layer: 'pool2', channel: 15, y: 6, x: 6 })).toBe(true);
  });
});

describe('the opened unit’s typeset formula carries its own numbers', () => {
  it('conv: a = ReLU(Σ w·x + b) = ReLU(sum ± bias) = the model’s activation after ReLU', async () => {
    const { unitTex, unitStepTex } = await import('./formulas');
    const { ensureTemml, renderTex, texNum } = await import('../../viz/Formula');
    const unit: Unit = { layer: 'conv2', channel: 4, y: 6, x: 7 };
    const d = computeUnitDetail(unit, acts, weights);
    if (d.kind !== 'conv') throw new Error('expected a conv unit');
    const tex = unitTex(d);
    const sum = d.mac.cells[d.mac.cells.length - 1]!.sum;
    const relu = Math.max(0, unitActivation(acts, unit));
    expect(tex).toContain(`\\operatorname{ReLU}(${texNum(sum, 4)} `);
    expect(tex.endsWith(`= ${texNum(relu, 4)}`)).toBe(true);
    // The running sum at step 3 adds the third product to the second partial sum.
    const s3 = unitStepTex(d, 2)!;
    expect(s3).toContain(`= ${texNum(d.mac.cells[2]!.sum, 4)}`);
    expect(unitStepTex(d, d.mac.cells.length)).toBeNull();
    // It typesets (MathML, no error node).
    await ensureTemml();
    const html = renderTex(tex, false)!;
    expect(html).toContain('<math');
    expect(html).not.toContain('merror');
  });
  it('softmax: P(k) = e^(z_k − max z) / Σ = the model’s probability', async () => {
    const { unitTex } = await import('./formulas');
    const { texNum } = await import('../../viz/Formula');
    const unit: Unit = { layer: 'probabilities', channel: 2, y: 0, x: 0 };
    const d = computeUnitDetail(unit, acts, weights);
    expect(unitTex(d).endsWith(`= ${texNum(unitActivation(acts, unit), 4)}`)).toBe(true);
  });
});

describe('texText keeps user text as text', () => {
  it('escapes TeX specials', async () => {
    const { texText, ensureTemml, renderTex } = await import('../../viz/Formula');
    expect(texText('a_b{c}%\\')).toBe('a\\_b\\{c\\}\\%\\textbackslash{}');
    await ensureTemml();
    const html = renderTex(`\\text{${texText('<img src=x onerror=alert(1)>')}}`, false)!;
    expect(html).not.toContain('<img');
  });
});
