/**
 * The Basics lesson's activations view: f and f′ on screen and through the embed API equal
 * PyTorch's (models/fixtures/basics_activations.golden.json); a bad config names the field.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import { CLASSROOM, expectStageOnFirstScreen } from './stage';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../models/fixtures/${name}`, import.meta.url), 'utf8'));
const acts = read('basics_activations.golden.json') as {
  functions: { fn: string; alpha: number; xs: number[]; values: number[]; derivatives: number[] }[];
};
const fnCase = (fn: string, alpha = 0.01) =>
  acts.functions.find((c) => c.fn === fn && c.alpha === alpha)!;
/** PyTorch's value of fn at x (x one of the fixture's points). */
const torchAt = (fn: string, x: number, what: 'values' | 'derivatives') => {
  const c = fnCase(fn);
  return c[what][c.xs.indexOf(x)]!;
};

const TOL = 1e-4;
const shown = async (page: Page, id: string) =>
  Number(await page.getByTestId(id).getAttribute('data-value'));
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(TOL);

test.describe('Basics: activations', () => {
  test('f and f′ equal PyTorch’s; every step is on the classroom screen', async ({ app, page }) => {
    await page.setViewportSize(CLASSROOM);
    await app.open('#/basics');
    await expectStageOnFirstScreen(page, 'basics.activations', {
      stepper: 'basics.activations.steps.next',
    });
    // Sigmoid at the default points −2 … 2 and at the x being read (1).
    for (const [i, x] of [-2, -1, 0, 1, 2].entries()) {
      near(await shown(page, `basics.activations.value-${i}`), torchAt('sigmoid', x, 'values'));
      near(
        await shown(page, `basics.activations.derivative-${i}`),
        torchAt('sigmoid', x, 'derivatives'),
      );
    }
    near(await shown(page, 'basics.activations.dfx'), torchAt('sigmoid', 1, 'derivatives'));
    await expect(page.getByTestId('basics.activations.step-formula')).toContainText('0.7311');
    // ReLU's derivative at 0 is autograd's 0; GELU is the exact (erf) one.
    await page.getByTestId('basics.activations.fn').selectOption('relu');
    await expect(page.getByTestId('basics.activations.derivative-2')).toHaveAttribute(
      'data-value',
      '0',
    );
    await page.getByTestId('basics.activations.fn').selectOption('gelu');
    near(await shown(page, 'basics.activations.value-0'), torchAt('gelu', -2, 'values'));
    // Typing an x reads f there.
    await page.getByTestId('basics.activations.probe').fill('0.5');
    near(await shown(page, 'basics.activations.fx'), torchAt('gelu', 0.5, 'values'));
    // Hovering over the chart reads f where the pointer is (left half: x < 0).
    const chart = page.getByTestId('basics.activations.curve-chart').locator('svg').first();
    await chart.hover({ position: { x: 80, y: 40 } });
    await expect(page.getByTestId('basics.activations.probe')).not.toHaveValue('0.5');
    expect(Number(await page.getByTestId('basics.activations.probe').inputValue())).toBeLessThan(0);
    // The walk: softmax with a temperature, then slopes through depth.
    for (const step of ['slope', 'softmax', 'depth']) {
      await page.getByTestId('basics.activations.steps.next').click();
      await expect(
        page.getByTestId(`basics.activations.flow.node.${flowNode[step]}`),
      ).toHaveAttribute('data-current', 'true');
      await expectStageOnFirstScreen(page, 'basics.activations', { stepper: null });
    }
  });
});

const flowNode: Record<string, string> = { slope: 'slope', softmax: 'softmax', depth: 'stack' };

test.describe('Basics activations through the embed API', () => {
  test('getResult is PyTorch’s f and f′; a bad xs names the field', async ({ page, ep }) => {
    await openEmbedHost(page, ep, '#/basics');
    const gelu = fnCase('leaky_relu', 0.2);
    const act = { mode: 'activations', fn: 'leaky_relu', alpha: 0.2, xs: gelu.xs };
    expect(await ask(page, { type: 'setConfig', lesson: 'basics', config: act })).toMatchObject({
      type: 'state',
      stepCount: 4,
    });
    const a = await getResult<{ values: number[]; derivatives: number[] }>(page);
    expect(Object.keys(a).sort()).toEqual(['derivatives', 'values']);
    a.values.forEach((v, i) => near(v, gelu.values[i]!));
    a.derivatives.forEach((v, i) => near(v, gelu.derivatives[i]!));

    const e = await ask(page, { type: 'setConfig', lesson: 'basics', config: { xs: [] } });
    expect(e).toMatchObject({ type: 'error', field: 'config.xs' });
    expect(await ask(page, { type: 'getState' })).toMatchObject({ config: act });
  });
});
