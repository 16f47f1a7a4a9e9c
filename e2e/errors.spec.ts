import { readFileSync } from 'node:fs';
import lz from 'lz-string';
import { expect, test } from './fixtures';

test.describe('Bad input gets a clear message, never a blank page', () => {
  test('a malformed link opens the defaults and says what was wrong', async ({ app, page }) => {
    await app.open('#/nonsense?c=%%%garbage&step=x');
    const notice = app.notice('notice.badLink');
    await expect(notice).toContainText('lesson: "nonsense"');
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    await expect(page).toHaveURL(/#\/convolution$/);
  });

  test('a link with a broken escape still opens, with a message', async ({ app, page }) => {
    await app.open('#/conv%E0%A4%A');
    await expect(app.notice('notice.badLink')).toContainText('lesson:');
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('one bad field in a link is named, the rest of the link still applies', async ({ app }) => {
    const c = lz.compressToEncodedURIComponent(
      JSON.stringify({ mode: 'model', digit: { sample: 12 } }),
    );
    await app.open(`#/convolution?step=2&c=${c}`);
    await expect(app.notice('notice.badLink')).toContainText('config.digit.sample');
    await expect(app.page.getByTestId('conv.layer.title')).toHaveText('ReLU 1');
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
  });

  test('a missing model file gives a message and a retry that works', async ({ app, page }) => {
    await page.route('**/models/mnist_cnn.onnx', (route) =>
      route.fulfill({ status: 404, body: 'not found' }),
    );
    await app.open();
    await expect(page.getByTestId('model.error')).toContainText('HTTP 404');
    await expect(app.notice('notice.modelMissing')).toBeVisible();
    await page.unroute('**/models/mnist_cnn.onnx');
    await page.getByTestId('model.retry').click();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    await expect(page.getByTestId('model.error')).toHaveCount(0);
  });

  test('a corrupted model file is caught by its sha256', async ({ app, page }) => {
    const bytes = readFileSync(new URL('../models/mnist_cnn.onnx', import.meta.url));
    const at = bytes.length - 100;
    bytes[at] = bytes[at]! ^ 0xff;
    await page.route('**/models/mnist_cnn.onnx', (route) =>
      route.fulfill({ status: 200, body: bytes }),
    );
    await app.open();
    await expect(page.getByTestId('model.error')).toContainText('sha256');
    await expect(app.notice('notice.modelCorrupt')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
