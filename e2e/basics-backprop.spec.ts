import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resultDifference, type BackpropAnswer, type BackpropNet } from '../src/core/backprop';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import { CLASSROOM, expectInViewport, expectStageOnFirstScreen } from './stage';

type Case = { name: string; config: BackpropNet; result: BackpropAnswer };
const cases = (
  JSON.parse(
    readFileSync(
      new URL('../models/fixtures/basics_backprop.golden.json', import.meta.url),
      'utf8',
    ),
  ) as { cases: Case[] }
).cases;
const golden = (name: string) => cases.find((c) => c.name === name)!;
/** The train-step graph runs in float32: numbers within 1e-4 of PyTorch's (relative). */
const TOL = 1e-4;
const close = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

const value = async (page: Page, id: string, attr = 'data-value') =>
  Number(await page.getByTestId(id).getAttribute(attr));

/** Waits until the numbers shown are the ONNX graph's, checked against core's. */
async function graphAnswered(page: Page) {
  const engine = page.getByTestId('basics.backprop.engine');
  await expect(engine).toHaveAttribute('data-source', 'ort');
  expect(Number(await engine.getAttribute('data-mismatch'))).toBeLessThan(TOL);
}

/** Every number the network shows at the last step (values, δ, updated weights) vs a case. */
async function expectNetworkShows(page: Page, c: Case) {
  const { sizes } = c.config;
  const r = c.result;
  await page.getByTestId('basics.backprop.steps.scrub').fill(String(sizesSteps(sizes) - 1));
  for (let l = 1; l < sizes.length; l++)
    for (let j = 0; j < sizes[l]!; j++) {
      const id = `basics.backprop.neuron.${l}.${j}`;
      expect(close(await value(page, id), r.a[l - 1]![j]!), id).toBeLessThan(TOL);
      expect(close(await value(page, id, 'data-delta'), r.dz[l - 1]![j]!), id).toBeLessThan(TOL);
      for (let i = 0; i < sizes[l - 1]!; i++) {
        const e = `basics.backprop.edge.${l}.${j}.${i}`;
        const w = r.weightsAfter[l - 1]![j]![i]!;
        expect(close(await value(page, e), w), e).toBeLessThan(TOL);
      }
    }
  expect(close(await value(page, 'basics.backprop.loss-value'), r.loss)).toBeLessThan(TOL);
}
/** forward per neuron, the loss, (δ, each edge, bias) per neuron, an update per layer. */
const sizesSteps = (s: readonly number[]) =>
  s.slice(1).reduce((n, k, l) => n + k * (3 + s[l]!) + 1, 1);

test.describe('Basics: backpropagation', () => {
  test('the 3-2-1 example on the classroom screen: output 15, loss 196, every gradient by hand', async ({
    app,
    page,
  }) => {
    await page.setViewportSize(CLASSROOM);
    await app.open('#/basics');
    await page.getByTestId('basics.mode.backprop').click();
    await graphAnswered(page);
    await expectStageOnFirstScreen(page, 'basics.backprop', {
      stepper: 'basics.backprop.steps.next',
    });
    await expect(page.getByTestId('basics.backprop.output-value')).toHaveText('15');
    await expect(page.getByTestId('basics.backprop.loss-value')).toHaveText('196');
    const formula = page.getByTestId('basics.backprop.formula');
    await expect(formula.locator('math')).toHaveCount(1);
    await expect(formula).toContainText('1⋅1+1⋅2+1⋅3+1=7');
    // Step 6: ∂L/∂w⁽²⁾₁₁ = δ · a = 28 · 7 = 196, on the lit edge and in the formula.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('basics.backprop.steps.count')).toHaveText('Step 6 of 20');
    await expect(page.getByTestId('basics.backprop.edge-label.2.0.0')).toHaveText('∂L/∂w = 196');
    await expect(formula).toContainText('28⋅7=196');
    await expectInViewport(page.getByTestId('basics.backprop.stage.figure'), 'figure');
    // Step 11: ∂L/∂w⁽¹⁾₁₂ = 28 · 2 = 56.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('basics.backprop.edge-label.1.0.1')).toHaveText('∂L/∂w = 56');
    await expect(formula).toContainText('28⋅2=56');
    // Every other number of the step equals PyTorch's.
    await expectNetworkShows(page, golden('default-3-2-1'));
    await expect(formula).toContainText('−18.6');
    // Train another step: the parameters become the updated ones, the loss history grows.
    await page.getByTestId('basics.backprop.train').click();
    await graphAnswered(page);
    const next = golden('default-3-2-1-step2');
    expect(close(await value(page, 'basics.backprop.loss-value'), next.result.loss)).toBeLessThan(
      TOL,
    );
    await expect(page.getByTestId('basics.backprop.history-list').locator('li')).toHaveCount(2);
  });

  test('a teacher edits one weight: every downstream number changes consistently', async ({
    app,
    page,
  }) => {
    await app.open('#/basics');
    await page.getByTestId('basics.mode.backprop').click();
    await graphAnswered(page);
    // (Edges cross: the event goes to this one, whatever lies over its middle.)
    await page.getByTestId('basics.backprop.edge.1.0.1').dispatchEvent('click');
    await expect(page.getByTestId('basics.backprop.edge-editor')).toContainText('w⁽¹⁾₁₂');
    await page.getByTestId('basics.backprop.edge-input').fill('2');
    await page.getByTestId('basics.backprop.edge-input').press('Enter');
    await expect(page.getByTestId('basics.backprop.output-value')).toHaveText('17');
    await expect(page.getByTestId('basics.backprop.loss-value')).toHaveText('256');
    await graphAnswered(page);
    await expectNetworkShows(page, golden('edited-3-2-1'));
    // The neuron the edited edge does not feed keeps its value.
    expect(await value(page, 'basics.backprop.neuron.1.1')).toBe(7);
  });
});

test.describe('Basics backprop through the embed API', () => {
  test('getResult equals PyTorch; a bad matrix names config.weights.1 and changes nothing', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep, '#/basics');
    for (const name of ['tanh-sigmoid-bce-2-3-2', 'relu-deep-2-3-3-3-3-2']) {
      const c = golden(name);
      const set = await ask(page, {
        type: 'setConfig',
        lesson: 'basics',
        config: { mode: 'backprop', ...c.config },
      });
      expect(set, JSON.stringify(set).slice(0, 300)).toMatchObject({ type: 'state' });
      const r = await getResult<BackpropAnswer>(page);
      expect(Object.keys(r).sort()).toEqual(
        ['a', 'biasesAfter', 'db', 'dW', 'dz', 'loss', 'weightsAfter', 'z'].sort(),
      );
      expect(resultDifference(r, c.result), name).toBeLessThan(TOL);
    }
    const bad = await ask(page, {
      type: 'setConfig',
      lesson: 'basics',
      config: {
        weights: golden('relu-deep-2-3-3-3-3-2').config.weights.map((m, l) =>
          l === 1
            ? [
                [1, 2, 3],
                [4, 5],
                [6, 7, 8],
              ]
            : m,
        ),
      },
    });
    expect(bad).toMatchObject({ type: 'error', field: 'config.weights.1' });
    expect(bad.message).toContain('config.weights.1');
    expect(await ask(page, { type: 'getState' })).toMatchObject({
      config: { mode: 'backprop', sizes: [2, 3, 3, 3, 3, 2] },
    });
  });
});
