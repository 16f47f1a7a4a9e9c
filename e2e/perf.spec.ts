import { expect, test } from './fixtures';

test.describe('Performance panel', () => {
  test('turned on in Settings, it shows the latency of each inference and the backend', async ({
    app,
    page,
  }) => {
    await app.open('#/convolution');
    // Off by default.
    await expect(page.getByTestId('app.perf')).toHaveCount(0);
    await page.getByTestId('app.settings').click();
    const toggle = page.getByTestId('app.settings.perf');
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    await page.keyboard.press('Escape');
    const panel = page.getByTestId('app.perf');
    await expect(panel).toBeVisible();

    await app.pickSample(3);
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '3');
    await app.settled();
    const backend = await app.backend();
    const last = panel.getByTestId('app.perf.last');
    await expect.poll(async () => Number(await last.getAttribute('data-value'))).toBeGreaterThan(0);
    await expect(last).toContainText('ms');
    expect(
      Number(await panel.getByTestId('app.perf.p50').getAttribute('data-value')),
    ).toBeGreaterThan(0);
    await expect(panel.getByTestId('app.perf.backend')).toHaveAttribute('data-value', backend);
    await expect(panel.getByTestId('app.perf.backend')).toHaveText(
      backend === 'webgpu' ? 'WebGPU' : 'WASM',
    );

    // Remembered across visits.
    await page.reload();
    await expect(page.getByTestId('app.perf')).toBeVisible();
  });

  test('while the GAN playground trains, it shows iterations per second', async ({
    app,
    page,
    ep,
  }) => {
    test.skip(ep === 'webgpu', 'training throughput is checked on WASM');
    await app.open('#/gan');
    await page.getByTestId('app.settings').click();
    await page.getByTestId('app.settings.perf').check();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-phase', 'ready', {
      timeout: 60_000,
    });
    await page.getByTestId('gan.train.play').click();
    const iters = page.getByTestId('app.perf.iters');
    await expect
      .poll(async () => Number(await iters.getAttribute('data-value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('gan.train.play').click();
    await expect(iters).toHaveCount(0);
  });
});
