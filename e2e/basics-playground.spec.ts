/**
 * The Basics playground: the default network learns the circle, XOR with x₁x₂ learns too,
 * settings apply while it trains (an architecture change restarts, and says so), the stepper
 * walks into one step whose numbers add up, and the embed API answers getResult and refuses
 * a bad config naming the field. WebGPU runs one short journey.
 */
import type { Page } from '@playwright/test';
import lz from 'lz-string';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import { CLASSROOM, expectStageOnFirstScreen } from './stage';

const link = (config: Record<string, unknown> = {}) =>
  `#/basics?c=${lz.compressToEncodedURIComponent(JSON.stringify({ mode: 'playground', ...config }))}`;

const value = async (page: Page, id: string) =>
  Number(await page.getByTestId(`basics.playground.${id}`).getAttribute('data-value'));

/** Runs `n` × 500 iterations with the fast-forward button and waits for them. */
async function fastForward(page: Page, n: number): Promise<void> {
  const start = await value(page, 'steps');
  for (let i = 1; i <= n; i++) {
    await page.getByTestId('basics.playground.fast').click();
    await expect(page.getByTestId('basics.playground.steps')).toHaveAttribute(
      'data-value',
      String(start + 500 * i),
      { timeout: 60_000 },
    );
  }
}

test.describe('Basics playground', () => {
  test('the default network learns the circle to ≥ 90% test accuracy in 2,500 iterations', async ({
    app,
    page,
  }) => {
    await page.setViewportSize(CLASSROOM);
    await app.open(link());
    await expect(page.getByTestId('basics.playground.steps')).toHaveAttribute('data-value', '0');
    await expectStageOnFirstScreen(page, 'basics.playground', {
      stepper: 'basics.playground.steps.next',
    });
    // The overview: 2 inputs, 4 + 2 hidden neurons and the output, each a heatmap.
    await expect(page.getByTestId('basics.playground.net').locator('.pg-neuron')).toHaveCount(9);
    await fastForward(page, 5);
    expect(await value(page, 'testAccuracy')).toBeGreaterThanOrEqual(0.9);
    expect(await value(page, 'testLoss')).toBeLessThan(0.2);
  });

  test.describe('on WASM', () => {
    test.skip(({ ep }) => ep === 'webgpu', 'WASM runs the full journeys; WebGPU the circle');

    test('XOR with x₁x₂ and no hidden layer learns to ≥ 90%', async ({ app, page }) => {
      await app.open(link({ dataset: 'xor', features: ['x1', 'x2', 'x1x2'], hidden: [] }));
      await expect(page.getByTestId('basics.playground.net').locator('.pg-neuron')).toHaveCount(4);
      await fastForward(page, 2);
      expect(await value(page, 'testAccuracy')).toBeGreaterThanOrEqual(0.9);
    });

    test('settings change while it trains; an architecture change restarts and says so', async ({
      app,
      page,
    }) => {
      await app.open(link());
      await page.getByTestId('basics.playground.play').click();
      await expect.poll(() => value(page, 'steps'), { timeout: 30_000 }).toBeGreaterThan(100);
      // The learning rate applies at once: training goes on from where it was.
      const before = await value(page, 'steps');
      await page.getByTestId('basics.playground.lr').selectOption('0.1');
      await expect
        .poll(() => value(page, 'steps'), { timeout: 30_000 })
        .toBeGreaterThan(before + 40);
      await expect(page.getByTestId('basics.playground.restarted')).toHaveCount(0);
      // A new hidden layer restarts from fresh weights, with a message saying why.
      await page.getByTestId('basics.playground.layer.add').click();
      await expect(page.getByTestId('basics.playground.restarted')).toContainText('hidden layers');
      await expect(page.getByTestId('basics.playground.net').locator('.pg-neuron')).toHaveCount(11);
      await page.getByTestId('basics.playground.play').click();
      await expect(page.getByTestId('basics.playground.play')).toHaveAttribute(
        'aria-pressed',
        'false',
      );
    });

    test('the stepper walks into one step: the update is w − η·∂L/∂w', async ({ app, page }) => {
      await app.open(link({ regularization: 'l2', regRate: 0.01, lr: 0.1 }));
      await expect(page.getByTestId('basics.playground.steps')).toHaveAttribute('data-value', '0');
      for (let i = 0; i < 4; i++) await page.getByTestId('basics.playground.steps.next').click();
      await expect(page.getByTestId('basics.playground.steps.count')).toHaveText('Step 5 of 5');
      await expect(page.getByTestId('basics.playground.steps')).toHaveAttribute('data-value', '1');
      const tex = (await page.getByTestId('basics.playground.formula').textContent()) ?? '';
      // "w ← w − η ∂L/∂w = before − 0.1 · (g) = after", the numbers as shown (4 significant digits).
      const nums = [...tex.replace(/−/g, '-').matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) =>
        Number(m[0]),
      );
      const [before, lr, g, after] = nums.slice(-4) as [number, number, number, number];
      expect(lr).toBe(0.1);
      expect(Math.abs(before - lr * g - after)).toBeLessThan(2e-3);
      await expect(page.getByTestId('basics.playground.batch.row.0')).toBeVisible();
      // Play goes back to the live view and trains on from that step.
      await page.getByTestId('basics.playground.play').click();
      await expect(page.getByTestId('basics.playground.steps.count')).toHaveText('Step 1 of 5');
      await expect.poll(() => value(page, 'steps'), { timeout: 30_000 }).toBeGreaterThan(20);
    });

    test('embed: getResult, train, play and pause; a bad config names its field', async ({
      page,
      ep,
    }) => {
      const frame = await openEmbedHost(page, ep, link());
      await expect(frame.getByTestId('basics.playground.steps')).toHaveAttribute('data-value', '0');
      const r = await getResult<Record<string, number>>(page);
      expect(Object.keys(r).sort()).toEqual([
        'steps',
        'testAccuracy',
        'testLoss',
        'trainAccuracy',
        'trainLoss',
      ]);
      expect(r.steps).toBe(0);
      // train: pauses, runs exactly n iterations, answers with the result.
      const trained = await ask(page, { type: 'train', iterations: 120 });
      expect(trained).toMatchObject({ type: 'result', result: { steps: 120 } });
      await expect(frame.getByTestId('basics.playground.steps')).toHaveAttribute(
        'data-value',
        '120',
      );
      expect(await ask(page, { type: 'play' })).toMatchObject({ type: 'state' });
      await expect(frame.getByTestId('basics.playground.play')).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      expect(await ask(page, { type: 'pause' })).toMatchObject({ type: 'state' });
      await expect(frame.getByTestId('basics.playground.play')).toHaveAttribute(
        'aria-pressed',
        'false',
      );
      const bad = await ask(page, {
        type: 'setConfig',
        lesson: 'basics',
        config: { mode: 'playground', hidden: [4, 9] },
      });
      expect(bad.type).toBe('error');
      expect(JSON.stringify(bad)).toContain('config.hidden.1');
      await expect(frame.getByTestId('basics.playground.net').locator('.pg-neuron')).toHaveCount(9);
    });
  });
});
