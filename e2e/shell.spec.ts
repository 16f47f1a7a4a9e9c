import { expect, test } from './fixtures';

test.describe('App shell', () => {
  test('the lessons are hash routes, and each keeps its state', async ({ app, page }) => {
    await app.open();
    await app.pickSample(4);
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '4');
    await page.getByTestId('app.nav.attention').click();
    await expect(page).toHaveURL(/#\/attention$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Attention');
    await page.getByTestId('app.nav.gan').click();
    await expect(page).toHaveURL(/#\/gan$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('GAN');
    await page.getByTestId('app.nav.convolution').click();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '4');
    // The browser's back/forward (or an edited hash) is followed too.
    await page.evaluate(() => (window.location.hash = '#/attention'));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Attention');
  });

  test('a hash change timed against the app’s own pending URL write is never lost', async ({
    app,
    page,
  }) => {
    await app.open('#/convolution');
    await expect(app.predictedLabel).toBeVisible();
    // The app writes its state to the URL 150 ms after a change; a navigation landing then
    // used to be overwritten before its hashchange event ran (9 times out of 10).
    const lost = await page.evaluate(async () => {
      type Store = { lesson: string; setStep: (lesson: string, step: number) => void };
      const { glassbox } = window as unknown as { glassbox: { state: () => Store } };
      let misses = 0;
      for (let i = 0; i < 8; i++) {
        const [from, to] = i % 2 ? ['gan', 'convolution'] : ['convolution', 'gan'];
        setTimeout(() => (window.location.hash = `#/${to}`), 150);
        glassbox.state().setStep(from!, 1 + (i % 3)); // schedules the competing write
        await new Promise((done) => setTimeout(done, 450));
        if (glassbox.state().lesson !== to) misses++;
      }
      return misses;
    });
    expect(lost).toBe(0);
  });

  test('language switch: every shell string in Simplified Chinese, and ?lang= opens it', async ({
    app,
    page,
  }) => {
    await app.open();
    await page.getByTestId('app.lang').selectOption('zh-CN');
    await expect(page.getByTestId('app.nav.convolution')).toHaveText('卷积');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('卷积：CNN 如何读懂一个数字');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page).toHaveURL(/lang=zh-CN/);
    await app.open('#/gan', { lang: 'zh-CN' });
    await expect(page.getByTestId('app.nav.gan')).toHaveText('生成对抗网络');
    await expect(page.getByTestId('app.settings')).toContainText('设置');
  });

  test('settings switch the backend, and the badge follows', async ({ app, page, ep }) => {
    await app.open();
    expect(await app.backend()).toBe(ep);
    await page.getByTestId('app.settings').click();
    if (ep === 'webgpu') {
      await page.getByTestId('app.settings.backend-wasm').check();
      await expect(app.badge).toHaveAttribute('data-backend', 'wasm');
      await expect(page).toHaveURL(/ep=wasm/);
    } else {
      // This project's browser has no WebGPU adapter: asking for it falls back, with a notice.
      await page.getByTestId('app.settings.backend-webgpu').check();
      await expect(app.notice('notice.webgpuFallback')).toBeVisible();
      await expect(page).toHaveURL(/ep=webgpu/);
    }
    await app.pickSample(5);
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '5');
    await expect(app.badge).toHaveAttribute('data-backend', 'wasm');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('app.settings.backend-wasm')).toHaveCount(0);
  });

  test('the built site works from any path of a static host', async ({ app, page, context }) => {
    // Serve dist/ under a deep sub-path, as a school web server might.
    await context.route(/\/some\/deep\/path\//, async (route) => {
      const path =
        new URL(route.request().url()).pathname.replace('/some/deep/path/', '') || 'index.html';
      await route.fulfill({ path: `dist/${path}` });
    });
    await page.goto(`./some/deep/path/?ep=${app.ep}#/convolution?step=1`);
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    await expect(page.getByTestId('conv.layer.title')).toHaveText('Convolution 1');
    expect(await app.backend()).toBe(app.ep);
  });

  test('works on a phone held upright', async ({ app, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await app.open();
    await expect(app.predictedLabel).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // The current step comes first on a phone; the drawing pad is further down the stack.
    await expect(page.getByTestId('conv.stage.figure')).toBeInViewport();
    await expect(page.getByTestId('conv.layer.title')).toBeInViewport();
    await page.getByTestId('conv.draw.pad').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('conv.draw.pad')).toBeInViewport({ ratio: 1 });
  });
});
