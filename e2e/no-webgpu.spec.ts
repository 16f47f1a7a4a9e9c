import { expect, goldenCase, golden, maxAbsDiff, test } from './fixtures';

// Runs in a browser without a WebGPU adapter (see playwright.config.ts, project "no-webgpu").
test('?ep=webgpu without WebGPU falls back to WASM with a notice, and still computes', async ({
  app,
  page,
}) => {
  await app.open('#/convolution', { ep: 'webgpu' });
  await expect(app.notice('notice.webgpuFallback')).toContainText('no WebGPU adapter');
  expect(await app.backend()).toBe('wasm');
  await app.pickSample(6);
  await expect(app.predictedLabel).toHaveAttribute('data-digit', '6');
  expect(
    maxAbsDiff(await app.probabilities(), goldenCase(6).outputs.probabilities!.data),
  ).toBeLessThan(golden.tolerance);
  await expect(page).toHaveURL(/ep=webgpu/);
});
