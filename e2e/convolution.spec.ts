import { expect, goldenCase, golden, maxAbsDiff, test } from './fixtures';

test.describe('Convolution: the MNIST CNN in the page', () => {
  test('sample digits give PyTorch’s probabilities on this project’s backend', async ({
    app,
    ep,
  }) => {
    await app.open();
    expect(await app.backend()).toBe(ep);
    for (const label of [0, 3, 7, 9]) {
      await app.pickSample(label);
      await expect(app.predictedLabel).toHaveAttribute('data-digit', String(label));
      const probs = await app.probabilities();
      // Golden values come from PyTorch; 1e-4 absolute is the fixture's stated tolerance.
      expect(maxAbsDiff(probs, goldenCase(label).outputs.probabilities!.data)).toBeLessThan(
        golden.tolerance,
      );
    }
    // The badge names the backend that ran the last inference.
    await expect(app.badge).toHaveAttribute('data-backend', ep);
  });

  test('the visitor downloads only the runtime build of the backend in use', async ({
    app,
    page,
    ep,
  }) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await app.open();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    const webgpuBuild = urls.filter((u) => /ort\.webgpu|asyncify/.test(u));
    const wasmBuild = urls.filter((u) =>
      /ort\.wasm\.bundle|ort-wasm-simd-threaded-[\w-]+\.wasm/.test(u),
    );
    if (ep === 'wasm') {
      expect(webgpuBuild).toEqual([]);
      expect(wasmBuild.length).toBeGreaterThan(0);
    } else {
      expect(webgpuBuild.length).toBeGreaterThan(0);
      expect(wasmBuild).toEqual([]);
    }
    // Everything comes from our own origin: no CDN.
    expect(urls.filter((u) => !u.startsWith(new URL(page.url()).origin))).toEqual([]);
  });

  test('touch and pen draw too', async ({ app, page }) => {
    await app.open();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    await page.getByTestId('conv.draw.clear').click();
    // The pad sits in the stage's side column, which scrolls on its own: bring it into view.
    await page.getByTestId('conv.draw.pad').scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('conv.draw.pad').boundingBox())!;
    const at = (fx: number, fy: number) => ({
      x: box.x + box.width * fx,
      y: box.y + box.height * fy,
    });
    const cdp = await page.context().newCDPSession(page);
    // A finger draws a vertical "1" (real touch events, as a phone sends them).
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [at(0.5, 0.15)],
    });
    for (let i = 1; i <= 10; i++) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [at(0.5, 0.15 + 0.07 * i)],
      });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '1');
    await page.getByTestId('conv.draw.clear').click();
    // A pen draws a horizontal stroke then a vertical one: a "7".
    const pen = async (
      type: 'mousePressed' | 'mouseMoved' | 'mouseReleased',
      p: { x: number; y: number },
    ) =>
      cdp.send('Input.dispatchMouseEvent', {
        type,
        ...p,
        button: 'left',
        buttons: type === 'mouseReleased' ? 0 : 1,
        clickCount: 1,
        pointerType: 'pen',
      });
    await pen('mousePressed', at(0.25, 0.2));
    for (let i = 1; i <= 8; i++) await pen('mouseMoved', at(0.25 + 0.06 * i, 0.2));
    for (let i = 1; i <= 10; i++) await pen('mouseMoved', at(0.73 - 0.03 * i, 0.2 + 0.065 * i));
    await pen('mouseReleased', at(0.43, 0.85));
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '7');
  });

  test('the logits layer shows the model’s own logits', async ({ app }) => {
    await app.open('#/convolution?step=7');
    await app.pickSample(2);
    await expect(app.page.getByTestId('conv.layer.title')).toHaveText('Dense (logits)');
    const bars = app.page.locator('[data-testid^="conv.layer.logits-"]');
    await expect(bars).toHaveCount(10);
    await expect
      .poll(async () => {
        const values = (
          await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))
        ).map(Number);
        return maxAbsDiff(values, goldenCase(2).outputs.logits!.data);
      })
      .toBeLessThan(golden.tolerance);
  });

  test('drawing a stroke with the mouse is read as a digit, and the link keeps it', async ({
    app,
    page,
  }) => {
    await app.open();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    await page.getByTestId('conv.draw.clear').click();
    await expect(app.predictedLabel).toHaveCount(0);
    const pad = page.getByTestId('conv.draw.pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    // A slightly slanted vertical stroke down the middle: a "1".
    await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(
        box.x + box.width * (0.52 - 0.004 * i),
        box.y + box.height * (0.15 + 0.058 * i),
      );
    }
    await page.mouse.up();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '1');
    await expect(page).toHaveURL(/#\/convolution\?c=/);
    await app.settled();
    const probs = await app.probabilities();
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

    // The same link in a fresh page shows the same drawing and prediction.
    // The URL is written once changes pause (150 ms debounce): wait past that, then read it.
    await page.waitForTimeout(400);
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '1');
    await app.settled();
    expect(maxAbsDiff(await app.probabilities(), probs)).toBeLessThan(1e-6);
  });

  test('keyboard steps through the layers, and the step is in the link', async ({ app, page }) => {
    await app.open();
    await expect(app.predictedLabel).toBeVisible();
    await expect(page.getByTestId('conv.layer.title')).toHaveText('Input image');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('conv.layer.title')).toHaveText('Convolution 1');
    await expect(page.locator('[data-testid^="conv.layer.conv1-"]')).toHaveCount(8);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('conv.layer.title')).toHaveText('Max pool 1');
    await expect(page).toHaveURL(/step=3/);
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('conv.layer.title')).toHaveText('ReLU 1');
    await expect(page).toHaveURL(/step=2/);
    await page.reload();
    await expect(page.getByTestId('conv.layer.title')).toHaveText('ReLU 1');
  });
});
