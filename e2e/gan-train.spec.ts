import type { Page } from '@playwright/test';
import { ganLosses } from '../src/core/ganLoss';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import { link, ready, shown } from './ganTrain';

const atLeast = async (page: Page, steps: number, timeout = 60_000) =>
  expect.poll(() => shown(page, 'steps'), { timeout }).toBeGreaterThanOrEqual(steps);

test.describe('GAN training', () => {
  test.skip(({ ep }) => ep === 'webgpu', 'WASM runs the full journeys; WebGPU has a smoke test');

  test('training brings G’s samples closer to two Gaussians (sliced Wasserstein)', async ({
    app,
    page,
  }) => {
    await app.open(link({ data: { kind: 'two-gaussians' }, seed: 3, speed: 25 }));
    await ready(page);
    const before = await shown(page, 'distance');
    await page.getByTestId('gan.train.play').click();
    await atLeast(page, 600);
    await page.getByTestId('gan.train.play').click();
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-running', 'false');
    const after = await shown(page, 'distance');
    expect(after).toBeLessThan(before * 0.5);
    for (const k of ['lossD', 'lossG', 'meanDReal', 'meanDFake'])
      expect(Number.isFinite(await shown(page, k))).toBe(true);
    await expect(page.getByTestId('gan.train.chart.distance')).toBeVisible();
  });

  test('halving G’s learning rate mid-run takes effect without a restart', async ({
    app,
    page,
  }) => {
    await app.open(link());
    await ready(page);
    await expect(page.getByTestId('gan.train.lrG')).toHaveAttribute('data-value', '0.002');
    await page.getByTestId('gan.train.play').click();
    await atLeast(page, 30);
    await page.getByTestId('gan.train.g.lr-half').click();
    const at = await shown(page, 'steps');
    await expect(page.getByTestId('gan.train.lrG')).toHaveAttribute('data-value', '0.001');
    await expect(page.getByTestId('gan.train.g.lr')).toHaveValue('0.001');
    await expect(page).toHaveURL(/#\/gan\?c=/);
    // Still the same run: the step count keeps growing from where it was, nothing restarted.
    await atLeast(page, at + 30);
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-running', 'true');
    await expect(page.getByTestId('gan.train.reinitialised')).toHaveCount(0);
    await page.getByTestId('gan.train.play').click();
    // An architecture change does start over, and says so.
    await page.getByTestId('gan.train.g.width').fill('8');
    await expect(page.getByTestId('gan.train.reinitialised')).toBeVisible();
    await expect.poll(() => shown(page, 'steps')).toBe(0);
  });

  test('step D only and step G only change only their own counters', async ({ app, page }) => {
    await app.open(link({ dSteps: 2 }));
    await ready(page);
    await page.getByTestId('gan.train.step').click();
    await expect.poll(() => shown(page, 'stepsD')).toBe(2);
    expect(await shown(page, 'steps')).toBe(1);
    await page.getByTestId('gan.train.step-d').click();
    await expect.poll(() => shown(page, 'stepsD')).toBe(3);
    expect(await shown(page, 'steps')).toBe(1);
    await page.getByTestId('gan.train.step-g').click();
    await expect.poll(() => shown(page, 'steps')).toBe(2);
    expect(await shown(page, 'stepsD')).toBe(3);
  });

  test('one iteration step by step: L_D equals core’s loss on the D outputs shown', async ({
    app,
    page,
  }) => {
    await app.open(link({ batchSize: 32 }));
    await ready(page);
    await page.getByTestId('gan.train.step').click();
    await expect.poll(() => shown(page, 'steps')).toBe(1);
    await page.getByTestId('gan.train.walk-start').click();
    await expect(page.getByTestId('gan.train.walk.step.sampleReal')).toBeVisible();
    await expect(page.getByTestId('gan.train.walk.steps.count')).toHaveText('Step 1 of 8');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const lossD = page.getByTestId('gan.train.walk.lossD');
    await expect(lossD).toBeVisible();
    const dReal = JSON.parse((await lossD.getAttribute('data-d-real'))!) as number[];
    const dFake = JSON.parse((await lossD.getAttribute('data-d-fake'))!) as number[];
    expect(dReal).toHaveLength(32);
    expect(dFake).toHaveLength(32);
    const ref = ganLosses(dReal, dFake, 'non-saturating');
    const value = Number(await lossD.getAttribute('data-value'));
    // float32 in the graph (from logits) vs float64 from the rounded probabilities.
    expect(Math.abs(value - ref.lossD)).toBeLessThan(1e-4);
    // The walk took one D step and one G step.
    expect(await shown(page, 'stepsD')).toBe(2);
    expect(await shown(page, 'steps')).toBe(2);
    await page.getByTestId('gan.train.walk.steps.next').click();
    await expect(page.getByTestId('gan.train.walk.updateD.step')).toBeVisible();
    expect(
      Number(await page.getByTestId('gan.train.walk.updateD.step').getAttribute('data-value')),
    ).toBeGreaterThan(0);
    await page.getByTestId('gan.train.walk.steps.next').click();
    const lossG = page.getByTestId('gan.train.walk.lossG');
    const gFake = JSON.parse((await lossG.getAttribute('data-d-fake'))!) as number[];
    const refG = ganLosses([0.5], gFake, 'non-saturating').lossG;
    expect(Math.abs(Number(await lossG.getAttribute('data-value')) - refG)).toBeLessThan(1e-4);
  });

  test('divergence pauses with the value named, and restore brings back the last good state', async ({
    app,
    page,
  }) => {
    const sgd = { kind: 'sgd', lr: 1, momentum: 0.99 } as const;
    await app.open(link({ optimizerG: sgd, optimizerD: sgd, seed: 1, speed: 5 }));
    await ready(page);
    await page.getByTestId('gan.train.play').click();
    const alert = page.getByTestId('gan.train.diverged');
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText(/NaN or infinite/);
    await expect(alert).toContainText(/L_D|L_G|parameter/);
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-running', 'false');
    await expect(page.getByTestId('gan.train.step')).toBeDisabled();
    const divergedAt = Number(await alert.getAttribute('data-steps-g'));
    expect(divergedAt).toBeGreaterThan(0);
    // Restore: the parameters before the run that overflowed come back; settings stay.
    await page.getByTestId('gan.train.restore').click();
    await expect(alert).toHaveCount(0);
    await expect.poll(() => shown(page, 'steps')).toBe(divergedAt - 1);
    await expect(page.getByTestId('gan.train.g.lr')).toHaveValue('1');
    await expect(page.getByTestId('gan.train.step')).toBeEnabled();
    await expect(page.getByTestId('gan.train.play')).toBeEnabled();
    // Those parameters are on the edge; a reset with a calmer optimizer trains on finitely.
    await page.getByTestId('gan.train.d.optimizer').selectOption('adam');
    await page.getByTestId('gan.train.g.optimizer').selectOption('adam');
    await page.getByTestId('gan.train.reset').click();
    await expect.poll(() => shown(page, 'steps')).toBe(0);
    await page.getByTestId('gan.train.step').click();
    await expect.poll(() => shown(page, 'steps')).toBe(1);
    expect(Number.isFinite(await shown(page, 'lossD'))).toBe(true);
    expect(Number.isFinite(await shown(page, 'lossG'))).toBe(true);
    await expect(alert).toHaveCount(0);
  });

  test('fits a 390-px phone without sideways scrolling', async ({ app, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await app.open(link());
    await ready(page);
    await page
      .getByTestId('gan.train.step')
      .tap()
      .catch(() => page.getByTestId('gan.train.step').click());
    await expect.poll(() => shown(page, 'steps')).toBe(1);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('GAN training through the embed API', () => {
  test.skip(({ ep }) => ep === 'webgpu', 'WASM runs the full journeys; WebGPU has a smoke test');

  test('getResult gives the step count, losses and mean D outputs; a diverging lr is caught', async ({
    page,
    ep,
  }) => {
    const frame = await openEmbedHost(page, ep, '#/gan');
    await expect(frame.getByTestId('gan.train')).toHaveAttribute('data-phase', 'ready', {
      timeout: 60_000,
    });
    expect(await ask(page, { type: 'getResult' })).toMatchObject({ type: 'error' });
    await frame.getByTestId('gan.train.step').click();
    await frame.getByTestId('gan.train.step').click();
    await expect(frame.getByTestId('gan.train.steps')).toHaveAttribute('data-value', '2');
    const r = await getResult<Record<string, number>>(page);
    expect(Object.keys(r).sort()).toEqual(['lossD', 'lossG', 'meanDFake', 'meanDReal', 'steps']);
    expect(r.steps).toBe(2);
    expect(r.lossD).toBe(
      Number(await frame.getByTestId('gan.train.lossD').getAttribute('data-value')),
    );
    expect(r.meanDReal).toBeGreaterThan(0);
    expect(r.meanDReal).toBeLessThan(1);
    // A bad lr names the field; nothing changes.
    const bad = await ask(page, {
      type: 'setConfig',
      lesson: 'gan',
      config: { optimizerG: { kind: 'adam', lr: -1, beta1: 0.5, beta2: 0.999 } },
    });
    expect(bad).toMatchObject({ type: 'error', field: 'config.optimizerG.lr' });
    // The largest learning rate with heavy momentum: training diverges and pauses.
    const sgd = { kind: 'sgd', lr: 1, momentum: 0.99 };
    const set = await ask(page, {
      type: 'setConfig',
      lesson: 'gan',
      config: { optimizerG: sgd, optimizerD: sgd, seed: 1, speed: 5 },
    });
    expect(set).toMatchObject({ type: 'state', config: { optimizerD: sgd } });
    // Fresh networks from the seed, trained by the new optimizers.
    await expect(frame.getByTestId('gan.train.lrG')).toHaveAttribute('data-value', '1');
    await frame.getByTestId('gan.train.reset').click();
    await expect(frame.getByTestId('gan.train.steps')).toHaveAttribute('data-value', '0');
    await frame.getByTestId('gan.train.play').click();
    await expect(frame.getByTestId('gan.train.diverged')).toBeVisible({ timeout: 60_000 });
    await frame.getByTestId('gan.train.restore').click();
    await expect(frame.getByTestId('gan.train.diverged')).toHaveCount(0);
  });
});

test.describe('GAN training on WebGPU', () => {
  test.skip(({ ep }) => ep !== 'webgpu', 'the WebGPU smoke test');

  test('a few iterations run on WebGPU with finite losses', async ({ app, page }) => {
    test.setTimeout(300_000); // software WebGPU compiles each graph's shaders on first use
    await app.open(link({ batchSize: 32 }));
    expect(await app.backend()).toBe('webgpu');
    await ready(page);
    await expect(page.getByTestId('gan.train.status')).toContainText('WebGPU');
    for (let i = 1; i <= 3; i++) {
      await page.getByTestId('gan.train.step').click();
      await expect.poll(() => shown(page, 'steps'), { timeout: 90_000 }).toBe(i);
    }
    for (const k of ['lossD', 'lossG', 'meanDReal', 'meanDFake', 'distance'])
      expect(Number.isFinite(await shown(page, k))).toBe(true);
  });
});
