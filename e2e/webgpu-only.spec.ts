import { expect, goldenCase, golden, maxAbsDiff, test } from './fixtures';

// Runs only where a WebGPU adapter exists (project "webgpu").
test('a lost WebGPU device falls back to WASM, keeping the view and its numbers', async ({
  app,
  page,
}) => {
  await app.open('#/convolution?step=1');
  await app.pickSample(8);
  await expect(app.predictedLabel).toHaveAttribute('data-digit', '8');
  expect(await app.backend()).toBe('webgpu');
  const lost = await page.evaluate(() => window.glassbox!.loseDevice());
  expect(lost).toBe(true);
  await expect(app.notice('notice.webgpuFallback')).toBeVisible();
  await expect(app.badge).toHaveAttribute('data-backend', 'wasm');
  await app.pickSample(1);
  await expect(app.predictedLabel).toHaveAttribute('data-digit', '1');
  expect(
    maxAbsDiff(await app.probabilities(), goldenCase(1).outputs.probabilities!.data),
  ).toBeLessThan(golden.tolerance);
  await expect(page.getByTestId('conv.layer.title')).toHaveText('Convolution 1');
  await expect(app.badge).toHaveAttribute('data-backend', 'wasm');
});
