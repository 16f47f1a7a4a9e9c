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

  test('a missing model file gives one message and a retry that works', async ({ app, page }) => {
    await page.route('**/models/mnist_cnn.onnx', (route) =>
      route.fulfill({ status: 404, body: 'not found' }),
    );
    await app.open();
    const error = page.getByTestId('model.error');
    await expect(error).toContainText('could not be found on this server');
    await expect(error).toContainText('HTTP 404');
    // One message: no notice on top of it, no follow-on errors about runs that could not happen.
    await expect(page.getByRole('alert')).toHaveCount(1);
    await expect(page.locator('[data-testid^="notice."]')).toHaveCount(0);
    await page.unroute('**/models/mnist_cnn.onnx');
    await page.getByTestId('model.retry').click();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    await expect(page.getByTestId('model.error')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('the attention lesson: a missing model is one message, not a follow-on error about the text', async ({
    app,
    page,
  }) => {
    await page.route('**/models/char_gpt_en.onnx', (route) =>
      route.fulfill({ status: 404, body: 'not found' }),
    );
    await app.open('#/attention');
    await expect(page.getByTestId('model.error')).toContainText('char_gpt_en');
    // Give the view time to have tried (and failed) to run the model on its text.
    await page.waitForTimeout(1500);
    await expect(page.getByRole('alert')).toHaveCount(1);
    await expect(page.locator('[data-testid^="notice."]')).toHaveCount(0);
  });

  test('the GAN digits view: a missing discriminator is one message, Retry brings it back', async ({
    app,
    page,
  }) => {
    await page.route('**/models/mnist_gan_d.onnx', (route) =>
      route.fulfill({ status: 404, body: 'not found' }),
    );
    const c = lz.compressToEncodedURIComponent(JSON.stringify({ mode: 'digits' }));
    await app.open(`#/gan?c=${c}`);
    await expect(page.getByTestId('model.error')).toContainText('mnist_gan_d');
    await expect(page.getByRole('alert')).toHaveCount(1);
    await expect(page.locator('[data-testid^="notice."]')).toHaveCount(0);
    await page.unroute('**/models/mnist_gan_d.onnx');
    await page.getByTestId('model.retry').click();
    await expect(page.getByTestId('gan.digits.selected')).toBeVisible();
    await expect(page.getByTestId('model.error')).toHaveCount(0);
  });

  test('loading shows the download, then “Preparing” until the model can run', async ({
    app,
    page,
  }) => {
    // Record every state the loading message goes through (it may last only milliseconds).
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __phases: string[] }).__phases = seen;
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="model.progress"]');
        const entry = el ? `${el.getAttribute('data-phase')}: ${el.textContent}` : 'none';
        if (seen.at(-1) !== entry) seen.push(entry);
      }).observe(document, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    await app.open();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    const phases = await page.evaluate(
      () => (window as unknown as { __phases: string[] }).__phases,
    );
    const prepare = phases.findIndex((p) => p.startsWith('prepare: Preparing mnist_cnn'));
    expect(prepare, phases.join('\n')).toBeGreaterThan(0);
    // Before it: the download (bytes); after it: nothing (ready).
    expect(phases.slice(0, prepare).some((p) => p.startsWith('download: Loading mnist_cnn'))).toBe(
      true,
    );
    expect(phases.at(-1)).toBe('none');
  });

  test('a corrupted model file is caught by its sha256', async ({ app, page }) => {
    const bytes = readFileSync(new URL('../models/mnist_cnn.onnx', import.meta.url));
    const at = bytes.length - 100;
    bytes[at] = bytes[at]! ^ 0xff;
    await page.route('**/models/mnist_cnn.onnx', (route) =>
      route.fulfill({ status: 200, body: bytes }),
    );
    await app.open();
    const error = page.getByTestId('model.error');
    await expect(error).toContainText('sha256');
    await expect(error).toContainText('is damaged or does not match its card');
    await expect(page.locator('[data-testid^="notice."]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
