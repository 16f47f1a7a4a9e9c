import {
  ask,
  expect,
  getResult,
  goldenCase,
  golden,
  maxAbsDiff,
  openEmbedHost,
  test,
} from './fixtures';

// The example host page (public/examples/embed-host.html), opened on another origin, embedding
// Glassbox's Convolution lesson and talking to it as an author's page would.

test.describe('Embed API v1', () => {
  test('the example page’s buttons drive the lesson', async ({ page, ep }) => {
    await openEmbedHost(page, ep);
    await page.getByRole('button', { name: 'Show the sample 3' }).click();
    await expect(page.locator('#answer')).toHaveText(`Step 1 of 9 on ${ep}`);
    await page.getByRole('button', { name: 'Next layer ▶' }).click();
    await expect(page.locator('#answer')).toHaveText(`Step 2 of 9 on ${ep}`);
    await page.getByRole('button', { name: 'Get the probabilities' }).click();
    const p3 = goldenCase(3).outputs.probabilities!.data[3]!;
    await expect(page.locator('#answer')).toHaveText(`Predicted 3 with p = ${p3.toFixed(4)}`);
  });

  test('a host page drives the lesson and reads the real numbers', async ({ page, ep }) => {
    await openEmbedHost(page, ep);
    const state = await ask(page, { type: 'getState' });
    expect(state).toMatchObject({
      type: 'state',
      lesson: 'convolution',
      step: 0,
      stepCount: 9,
      backend: ep,
    });
    expect(state.config).toEqual({ mode: 'model', digit: { sample: 0 }, unit: null });

    const set = await ask(page, {
      type: 'setConfig',
      lesson: 'convolution',
      config: { digit: { sample: 3 } },
    });
    expect(set).toMatchObject({ type: 'state', config: { mode: 'model', digit: { sample: 3 } } });
    const { probabilities, predicted } = await getResult<{
      probabilities: number[];
      predicted: number;
    }>(page);
    expect(predicted).toBe(3);
    expect(maxAbsDiff(probabilities, goldenCase(3).outputs.probabilities!.data)).toBeLessThan(
      golden.tolerance,
    );

    expect(await ask(page, { type: 'step', delta: 1 })).toMatchObject({ type: 'state', step: 1 });
    expect(await ask(page, { type: 'goto', step: 8 })).toMatchObject({ type: 'state', step: 8 });
    expect(await ask(page, { type: 'step', delta: 1 })).toMatchObject({ type: 'state', step: 8 });

    // The embedded view has no app chrome, and shows what the host asked for.
    const frame = page.frameLocator('#glassbox');
    await expect(frame.getByTestId('app.nav.convolution')).toHaveCount(0);
    await expect(frame.getByTestId('conv.prediction.label')).toHaveAttribute('data-digit', '3');
    await expect(frame.getByTestId('conv.layer.title')).toHaveText('Softmax (probabilities)');
  });

  test('invalid messages get an error naming the field, and change nothing', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep);
    const bad = await ask(page, {
      type: 'setConfig',
      lesson: 'convolution',
      config: { digit: { sample: 'x' } },
    });
    expect(bad).toMatchObject({ type: 'error', field: 'config.digit.sample' });
    expect(bad.message).toContain('config.digit.sample');
    expect(await ask(page, { type: 'step', delta: 2 })).toMatchObject({
      type: 'error',
      field: 'delta',
    });
    expect(await ask(page, { type: 'goto', step: 99 })).toMatchObject({
      type: 'error',
      field: 'step',
    });
    expect(await ask(page, { type: 'teleport' })).toMatchObject({ type: 'error', field: 'type' });
    expect(await ask(page, { type: 'setConfig', lesson: 'chess', config: {} })).toMatchObject({
      type: 'error',
      field: 'lesson',
    });
    const state = await ask(page, { type: 'getState' });
    expect(state).toMatchObject({
      lesson: 'convolution',
      step: 0,
      config: { mode: 'model', digit: { sample: 0 } },
    });
  });

  test('the sandbox through the API: set a config, read the output, bad configs refused', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep);
    const article = await ask(page, {
      type: 'setConfig',
      lesson: 'convolution',
      config: {
        mode: 'sandbox',
        input: [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        kernel: [
          [0, 1, 0],
          [2, 0, 3],
          [0, 4, 0],
        ],
      },
    });
    expect(article).toMatchObject({
      type: 'state',
      stepCount: 1,
      config: { mode: 'sandbox', stride: 1 },
    });
    expect(await ask(page, { type: 'getResult' })).toMatchObject({
      result: { output: [[60]], outputShape: [1, 1] },
    });
    await ask(page, {
      type: 'setConfig',
      lesson: 'convolution',
      config: { stride: 2, padding: 1 },
    });
    const r = await getResult<{ output: number[][]; outputShape: number[] }>(page);
    // Padded to 5×5, stride 2 → 2×2. By hand: (0,0) = 2·3 + 4·4 = 22, (0,1) = 2·2 + 6·4 = 28,
    // (1,0) = 4·1 + 8·3 = 28, (1,1) = 6·1 + 8·2 = 22.
    expect(r.outputShape).toEqual([2, 2]);
    expect(r.output).toEqual([
      [22, 28],
      [28, 22],
    ]);
    for (const [config, field] of [
      [{ input: [[1, 2], [3]] }, 'config.input.1'],
      [{ input: [[1, 'x']] }, 'config.input.0.1'],
      [{ stride: 0 }, 'config.stride'],
      [{ input: Array.from({ length: 17 }, () => [0]) }, 'config.input'],
      [{ kernel: Array.from({ length: 8 }, () => Array(8).fill(1)) }, 'config.kernel'],
    ] as const) {
      const e = await ask(page, { type: 'setConfig', lesson: 'convolution', config });
      expect(e).toMatchObject({ type: 'error', field });
    }
    // Nothing changed.
    expect(await ask(page, { type: 'getState' })).toMatchObject({
      config: { stride: 2, padding: 1 },
    });
  });

  test('setConfig on another lesson switches to it; messages from others are ignored', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep);
    expect(await ask(page, { type: 'setConfig', lesson: 'gan', config: {} })).toMatchObject({
      lesson: 'gan',
    });
    // Embedded lessons hide their heading: the GAN lesson's mode buttons show it is there.
    await expect(page.frameLocator('#glassbox').getByTestId('gan.mode.train')).toBeVisible();
    const answers = () =>
      page
        .locator('#log')
        .evaluate((el) => el.textContent!.split('\n').filter((l) => l.startsWith('←')).length);
    const before = await answers();
    await page.evaluate(() => {
      const frame = (document.getElementById('glassbox') as HTMLIFrameElement).contentWindow!;
      frame.postMessage({ id: 'x', type: 'getState' }, '*');
      frame.postMessage({ source: 'someone-else', id: 'y', type: 'getState' }, '*');
    });
    await page.waitForTimeout(1000);
    const ignored = (await answers()) - before;
    expect(ignored).toBe(0);
  });
});
