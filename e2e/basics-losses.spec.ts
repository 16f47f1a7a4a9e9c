/**
 * The Basics lesson's losses view: terms, loss and gradients on screen and through the embed
 * API equal PyTorch's (models/fixtures/basics_losses.golden.json); the widely copied examples
 * show their printed value beside the right one; a bad config names the field and changes nothing.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import { CLASSROOM, expectStageOnFirstScreen } from './stage';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../models/fixtures/${name}`, import.meta.url), 'utf8'));
const losses = read('basics_losses.golden.json') as {
  cases: {
    name: string;
    loss: string;
    target: unknown;
    prediction: unknown;
    expected: { loss: number; terms: number[]; grad: number[] | number[][] };
  }[];
};
const lossCase = (name: string) => losses.cases.find((c) => c.name === name)!;
const TOL = 1e-4;
const shown = async (page: Page, id: string) =>
  Number(await page.getByTestId(id).getAttribute('data-value'));
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(TOL);

test.describe('Basics: losses', () => {
  test('the copied examples: the printed value beside PyTorch’s; terms and gradients', async ({
    app,
    page,
  }) => {
    await page.setViewportSize(CLASSROOM);
    await app.open('#/basics');
    await page.getByTestId('basics.mode.losses').click();
    await expectStageOnFirstScreen(page, 'basics.losses', { stepper: 'basics.losses.steps.next' });
    const mse = lossCase('preset:mse');
    near(await shown(page, 'basics.losses.loss'), mse.expected.loss);
    await expect(page.getByTestId('basics.losses.loss')).toHaveText('0.0160');
    await expect(page.getByTestId('basics.losses.copied')).toContainText('0.06');

    await page.getByTestId('basics.losses.preset').selectOption('bce');
    const bce = lossCase('preset:bce');
    await expect(page.getByTestId('basics.losses.loss')).toHaveText('0.2027');
    const copied = page.getByTestId('basics.losses.copied');
    await expect(copied).toContainText('0.5607');
    await expect(copied).toContainText('0.3285');
    for (const [i, term] of bce.expected.terms.entries()) {
      near(await shown(page, `basics.losses.term-${i}`), term);
    }
    await page.getByTestId('basics.losses.steps.next').click();
    await page.getByTestId('basics.losses.steps.next').click();
    for (const [i, g] of (bce.expected.grad as number[]).entries()) {
      near(await shown(page, `basics.losses.grad-${i}`), g);
    }
    await expect(page.getByTestId('basics.losses.step-formula')).toContainText('−0.2222');
    // The curve: moving p₁ moves the loss, and the editor refuses a p outside (0, 1).
    await page.getByTestId('basics.losses.steps.next').click();
    await expectStageOnFirstScreen(page, 'basics.losses', { stepper: null });
    await page.getByTestId('basics.losses.prediction').fill('0.9, 0.1, 1.5, 0.2, 0.3');
    await expect(page.getByTestId('basics.losses.problem')).toContainText('config.prediction.2');
    await expect(page.getByTestId('basics.losses.loss')).toHaveText('0.2027');
  });
});

test.describe('Basics losses through the embed API', () => {
  test('getResult is PyTorch’s; a bad config names the field and changes nothing', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep, '#/basics');
    const ce = lossCase('cross_entropy 4x3');
    const config = {
      mode: 'losses',
      loss: 'cross_entropy',
      target: ce.target,
      prediction: ce.prediction,
    };
    await ask(page, { type: 'setConfig', lesson: 'basics', config });
    const r = await getResult<{ loss: number; terms: number[]; grad: number[][] }>(page);
    expect(Object.keys(r).sort()).toEqual(['grad', 'loss', 'terms']);
    near(r.loss, ce.expected.loss);
    r.terms.forEach((v, i) => near(v, ce.expected.terms[i]!));
    r.grad.flat().forEach((v, i) => near(v, (ce.expected.grad as number[][]).flat()[i]!));

    for (const [bad, field] of [
      [
        { prediction: (ce.prediction as number[][]).map((row, i) => (i === 1 ? [0.2] : row)) },
        'config.prediction.1',
      ],
      [{ loss: 'bce', target: [1, 0], prediction: [0.9, 1] }, 'config.prediction.1'],
      [{ loss: 'mse', target: [1, 2, 3], prediction: [1, 2] }, 'config.target'],
      [{ loss: 'hinge' }, 'config.loss'],
    ] as const) {
      const e = await ask(page, { type: 'setConfig', lesson: 'basics', config: bad });
      expect(e).toMatchObject({ type: 'error', field });
    }
    expect(await ask(page, { type: 'getState' })).toMatchObject({ config });
  });
});
