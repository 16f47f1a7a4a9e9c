import { expect, test } from './fixtures';
import { link, ready, shown } from './ganTrain';

test.describe('GAN training: going back further after divergence', () => {
  test.skip(({ ep }) => ep === 'webgpu', 'WASM runs the full journeys; WebGPU has a smoke test');

  test('goes back to an older checkpoint, and trains on finitely once the lr is sane', async ({
    app,
    page,
  }) => {
    // The divergence test's settings: the largest lr with heavy momentum blows up in tens of
    // steps, and the last good parameters (one step back) blow up again at once.
    const sgd = { kind: 'sgd', lr: 1, momentum: 0.99 } as const;
    await app.open(link({ optimizerG: sgd, optimizerD: sgd, seed: 1, speed: 5 }));
    await ready(page);
    await page.getByTestId('gan.train.play').click();
    const alert = page.getByTestId('gan.train.diverged');
    await expect(alert).toBeVisible({ timeout: 60_000 });
    const divergedAt = Number(await alert.getAttribute('data-steps-g'));
    const restore = page.getByTestId('gan.train.restore');
    const goBack = page.getByTestId('gan.train.go-back');
    await expect(restore).toHaveAttribute('data-steps-g', String(divergedAt - 1));
    await expect(goBack).toBeVisible();
    const backTo = Number(await goBack.getAttribute('data-steps-g'));
    expect(backTo).toBeGreaterThan(0);
    expect(backTo).toBeLessThan(divergedAt - 1);
    // The button says where it goes, and the note why.
    await expect(goBack).toHaveText(`Go back further, to G step ${backTo.toLocaleString('en')}`);
    await expect(goBack).toHaveAccessibleDescription(/checkpoint is kept every \d+ G steps/);

    // Keyboard: from the restore button, Tab reaches going back further; Enter takes it.
    await restore.focus();
    await page.keyboard.press('Tab');
    await expect(goBack).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(alert).toHaveCount(0);
    await expect.poll(() => shown(page, 'steps')).toBe(backTo);
    expect(await shown(page, 'stepsD')).toBe(backTo);
    // The checkpoint's own losses, not NaN: it was taken after a good run.
    expect(Number.isFinite(await shown(page, 'lossD'))).toBe(true);
    expect(Number.isFinite(await shown(page, 'lossG'))).toBe(true);
    await expect(page.getByTestId('gan.train.step')).toBeEnabled();

    // A sane learning rate (momentum stays 0.99): training goes on from there, finitely.
    await page.getByTestId('gan.train.g.lr').fill('0.001');
    await page.getByTestId('gan.train.d.lr').fill('0.001');
    await expect(page.getByTestId('gan.train.lrG')).toHaveAttribute('data-value', '0.001');
    await expect(page.getByTestId('gan.train.lrD')).toHaveAttribute('data-value', '0.001');
    await page.getByTestId('gan.train.play').click();
    await expect
      .poll(() => shown(page, 'steps'), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(backTo + 100);
    await page.getByTestId('gan.train.play').click();
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-running', 'false');
    await expect(alert).toHaveCount(0);
    for (const k of ['lossD', 'lossG', 'meanDReal', 'meanDFake'])
      expect(Number.isFinite(await shown(page, k))).toBe(true);
  });
});
