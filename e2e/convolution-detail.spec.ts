import { expect, goldenCase, golden, test } from './fixtures';

test.describe('Convolution: every layer, and any unit step by step', () => {
  test('a unit of the second conv layer: each product, the running sum, bias, result and ReLU', async ({
    app,
    page,
  }) => {
    await app.open();
    await app.pickSample(2);
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '2');
    // Every layer is shown as a column.
    for (const id of [
      'input',
      'conv1',
      'relu1',
      'pool1',
      'conv2',
      'relu2',
      'pool2',
      'logits',
      'probabilities',
    ]) {
      await expect(page.getByTestId(`conv.column.${id}`)).toBeVisible();
    }
    // Click map 5 of conv2 (14×14) at row 6, column 7.
    const map = page.getByTestId('conv.column.conv2-4');
    const box = (await map.boundingBox())!;
    await map.click({
      position: { x: ((7 + 0.5) / 14) * box.width, y: ((6 + 0.5) / 14) * box.height },
    });
    await expect(page.getByTestId('conv.unit.title')).toHaveText(
      'Convolution 2, map 5, row 6, column 7',
    );
    await expect(page).toHaveURL(/c=/);
    // 8 input maps × 9 weights, then bias, then ReLU: 74 steps.
    await expect(page.getByTestId('conv.unit.step.count')).toHaveText('Step 1 of 74');
    // The numbers add up: the running sum shown at step k is the sum of window × kernel over
    // the first k+1 cells (map by map, row by row), read from the grids on screen.
    const cells = async (kind: string) =>
      page
        .locator(`[data-testid^="conv.unit.${kind}-"]`)
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    const windows = await cells('window');
    const kernels = await cells('kernel');
    expect(windows).toHaveLength(72);
    let running = 0;
    const expectedSums = windows.map((x, i) => (running += x * kernels[i]!));
    for (const k of [0, 1, 20, 40, 71]) {
      await page.getByTestId('conv.unit.step.scrub').fill(String(k));
      const shown = Number(await page.getByTestId('conv.unit.sum').getAttribute('data-value'));
      expect(Math.abs(shown - expectedSums[k]!)).toBeLessThan(1e-4);
    }
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('conv.unit.step.count')).toHaveText('Step 71 of 74');
    await page.getByTestId('conv.unit.step.scrub').fill('72');
    const result = Number(await page.getByTestId('conv.unit.result').getAttribute('data-value'));
    const model = Number(await page.getByTestId('conv.unit.model').getAttribute('data-value'));
    // The number recomputed from the weights equals the model's activation, and PyTorch's.
    const expected = goldenCase(2).outputs.conv2!.data[(4 * 14 + 6) * 14 + 7]!;
    expect(Math.abs(model - expected)).toBeLessThan(golden.tolerance);
    expect(Math.abs(result - expected)).toBeLessThan(golden.tolerance);
    await expect(page.getByTestId('conv.unit.agreement')).toHaveAttribute('data-ok', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('conv.unit.relu')).toHaveAttribute(
      'data-value',
      String(Math.max(0, result)),
    );
  });

  test('keyboard only: arrow keys pick a unit on a map, Enter opens it', async ({ app, page }) => {
    await app.open();
    await expect(app.predictedLabel).toBeVisible();
    await page.getByTestId('conv.column.conv1-2').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    // The cursor starts at the centre (14, 14) of the 28×28 map.
    await expect(page.getByTestId('conv.unit.title')).toHaveText(
      'Convolution 1, map 3, row 13, column 16',
    );
    await expect(page.getByTestId('conv.unit.agreement')).toHaveAttribute('data-ok', 'true');
  });

  test('play runs the animation; space pauses it', async ({ app, page }) => {
    await app.open();
    await app.pickSample(0);
    await expect(app.predictedLabel).toBeVisible();
    const map = page.getByTestId('conv.column.conv1-0');
    await map.click({ position: { x: 20, y: 20 } });
    await expect(page.getByTestId('conv.unit.step.count')).toHaveText('Step 1 of 11');
    await page.getByTestId('conv.unit.step.speed').selectOption('8');
    await page.getByTestId('conv.unit.step.play').click();
    await expect(page.getByTestId('conv.unit.step.count')).toHaveText('Step 11 of 11', {
      timeout: 10_000,
    });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('conv.unit.step.count')).toHaveText('Step 9 of 11');
    // Space (with focus on no control) plays again, to the end.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(' ');
    await expect(page.getByTestId('conv.unit.step.count')).toHaveText('Step 11 of 11', {
      timeout: 10_000,
    });
    await expect(page.getByTestId('conv.unit.agreement')).toHaveAttribute('data-ok', 'true');
  });

  test('pool, dense and softmax units agree with the model', async ({ app, page }) => {
    await app.open();
    await app.pickSample(1);
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '1');
    await page.getByTestId('conv.column.logits-1').click();
    await expect(page.getByTestId('conv.unit.agreement')).toHaveAttribute('data-ok', 'true');
    const logit = Number(await page.getByTestId('conv.unit.result').getAttribute('data-value'));
    expect(Math.abs(logit - goldenCase(1).outputs.logits!.data[1]!)).toBeLessThan(golden.tolerance);
    await page.getByTestId('conv.column.probabilities-1').click();
    await expect(page.getByTestId('conv.unit.agreement')).toHaveAttribute('data-ok', 'true');
    const p = Number(await page.getByTestId('conv.unit.result').getAttribute('data-value'));
    expect(Math.abs(p - goldenCase(1).outputs.probabilities!.data[1]!)).toBeLessThan(
      golden.tolerance,
    );
    await page.getByTestId('conv.column.pool1-3').click({ position: { x: 15, y: 15 } });
    await page.getByTestId('conv.unit.step.scrub').fill('4');
    await expect(page.getByTestId('conv.unit.agreement')).toHaveAttribute('data-ok', 'true');
    await page.getByTestId('conv.unit.close').click();
    await expect(page.getByTestId('conv.layer.title')).toHaveText('Max pool 1');
  });
});
