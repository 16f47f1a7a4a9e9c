import lz from 'lz-string';
import type { Locator, Page } from '@playwright/test';
import { chooseToolByKeyboard, expect, openTool, test } from './fixtures';
import { CLASSROOM, expectInViewport } from './stage';

/** Presses Tab (or Shift+Tab) until the element with this test id has focus, as a keyboard user would. */
async function tabTo(page: Page, testId: string, { back = false, max = 40 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const at = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (at === testId) return;
  }
  throw new Error(`Tab never reached ${testId}`);
}

const bar = (page: Page) => ({
  caption: page.getByTestId('classroom.tour.caption'),
  position: page.getByTestId('classroom.tour.position'),
});

const layerTitle = (page: Page): Locator => page.getByTestId('conv.layer.title');

const fiveStepTour = {
  version: 1,
  title: { en: 'Five steps', 'zh-CN': '五步' },
  steps: [
    { lesson: 'convolution', config: { mode: 'model' }, step: 2, caption: { en: 'First: ReLU 1' } },
    { lesson: 'convolution', config: { mode: 'model' }, step: 3, caption: { en: 'Second: pool' } },
    {
      lesson: 'convolution',
      config: { mode: 'sandbox', stride: 1 },
      step: 0,
      caption: { en: 'Third: sandbox', 'zh-CN': '第三步：沙盒' },
    },
    { lesson: 'gan', config: { mode: 'losses' }, step: 2, caption: { en: 'Fourth: losses' } },
    { lesson: 'attention', config: { mode: 'sandbox' }, step: 1, caption: { en: 'Fifth' } },
  ],
};

test.describe('Classroom mode and tours', () => {
  test('a keyboard-only classroom journey through the built-in Convolution tour', async ({
    app,
    page,
  }) => {
    await app.open('#/convolution');
    await expect(app.predictedLabel).toBeVisible();
    const html = page.locator('html');

    // C enters classroom mode: larger type (the root font grows), the toggle says so.
    const before = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    await page.keyboard.press('c');
    await expect(html).toHaveClass(/\bclassroom\b/);
    await expect(page.getByTestId('classroom.toggle')).toHaveAttribute('aria-pressed', 'true');
    const after = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));

    // Open the tours menu and start the Convolution tour, with Tab and Enter only.
    await chooseToolByKeyboard(page, 'classroom.tours-button');
    await expect(page.getByTestId('classroom.tours')).toBeVisible();
    await tabTo(page, 'classroom.tours.start-convolution');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('classroom.tours')).toBeHidden();
    const { caption, position } = bar(page);
    await expect(position).toHaveText('Tour step 1 of 13');
    await expect(caption).toContainText('A handwritten 7 goes in');
    await expect(layerTitle(page)).toHaveText('Input image');
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '7');

    // → and ← move between tour steps (and only once each: the lesson does not also step).
    await page.keyboard.press('ArrowRight');
    await expect(position).toHaveText('Tour step 2 of 13');
    await expect(caption).toContainText('Convolution 1');
    await expect(layerTitle(page)).toHaveText('Convolution 1');
    await page.keyboard.press('ArrowRight');
    await expect(position).toHaveText('Tour step 3 of 13');
    await expect(layerTitle(page)).toHaveText('ReLU 1');
    await page.keyboard.press('ArrowLeft');
    await expect(position).toHaveText('Tour step 2 of 13');
    await expect(layerTitle(page)).toHaveText('Convolution 1');
    // Shift+→ steps the lesson itself; the tour stays where it is.
    await page.keyboard.press('Shift+ArrowRight');
    await expect(layerTitle(page)).toHaveText('ReLU 1');
    await expect(position).toHaveText('Tour step 2 of 13');
    await expect(page).toHaveURL(/[?&]ts=1\b/);

    // 1 / 2 / 3 switch lessons.
    await page.keyboard.press('1');
    await expect(page.getByTestId('app.nav.attention')).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('3');
    await expect(page.getByTestId('app.nav.gan')).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('2');
    await expect(page.getByTestId('app.nav.convolution')).toHaveAttribute('aria-current', 'page');

    // ? shows the shortcuts; Escape closes them, and keys work again afterwards.
    await page.keyboard.press('?');
    const help = page.getByTestId('classroom.shortcuts');
    await expect(help).toBeVisible();
    await expect(help).toContainText('Full screen');
    await page.keyboard.press('1'); // ignored while the dialog is open
    await expect(page.getByTestId('app.nav.convolution')).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expect(position).toHaveText('Tour step 3 of 13');

    // High contrast and the laser pointer, from their toggles in the More menu.
    await chooseToolByKeyboard(page, 'classroom.contrast', { back: true });
    await expect(html).toHaveClass(/\bhigh-contrast\b/);
    await openTool(page, 'classroom.laser-toggle');
    await page.mouse.move(300, 200);
    const dot = page.getByTestId('classroom.laser');
    await expect(dot).toBeVisible();
    const box = (await dot.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(20);
    expect(Math.abs(box.x + box.width / 2 - 300)).toBeLessThan(2);

    // Exit the tour; C leaves classroom mode.
    await page.getByTestId('classroom.tour.exit').click();
    await expect(page.getByTestId('classroom.tour.bar')).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]tour=/);
    await page.locator('main').focus();
    await page.keyboard.press('c');
    await expect(html).not.toHaveClass(/\bclassroom\b/);
  });

  test('shortcuts never fire while typing', async ({ app, page }) => {
    await app.open('#/convolution');
    await expect(app.predictedLabel).toBeVisible();
    await page.keyboard.press('c');
    await expect(page.locator('html')).toHaveClass(/\bclassroom\b/);
    // An input the test adds, so this holds for any text field a lesson or editor has.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.setAttribute('data-testid', 'probe');
      document.querySelector('main')!.prepend(input);
      const area = document.createElement('div');
      area.className = 'monaco-editor';
      area.tabIndex = 0;
      area.setAttribute('data-testid', 'probe-editor');
      document.querySelector('main')!.prepend(area);
    });
    const input = page.getByTestId('probe');
    await input.focus();
    await page.keyboard.type('1f?c3');
    await expect(input).toHaveValue('1f?c3');
    await page.getByTestId('probe-editor').focus();
    await page.keyboard.press('3');
    await page.keyboard.press('?');
    await expect(page.getByTestId('app.nav.convolution')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('classroom.shortcuts')).toBeHidden();
    await expect(page.locator('html')).toHaveClass(/\bclassroom\b/);
  });

  test('a tour shared as a link opens at its first step, in a fresh page', async ({
    app,
    page,
    browser,
  }) => {
    await app.open('#/convolution', {
      tour: lz.compressToEncodedURIComponent(JSON.stringify(fiveStepTour)),
    });
    const { caption, position } = bar(page);
    await expect(position).toHaveText('Tour step 1 of 5');
    await expect(caption).toHaveText('First: ReLU 1');
    await expect(page.getByTestId('classroom.tour.title')).toHaveText('Five steps');
    await expect(layerTitle(page)).toHaveText('ReLU 1');
    await page.getByTestId('classroom.tour.next').click();
    await page.getByTestId('classroom.tour.next').click();
    await expect(caption).toHaveText('Third: sandbox');
    await expect(page.getByTestId('conv.mode.sandbox')).toHaveAttribute('aria-pressed', 'true');

    // The tour's own link, copied from the bar, opens at step 1 in another browser profile.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('classroom.tour.copy-link').click();
    await expect(page.getByTestId('classroom.tour.bar')).toContainText('Tour link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/[?&]tour=/);
    expect(link).not.toContain('#');
    const other = await browser.newContext({ baseURL: page.url() });
    const fresh = await other.newPage();
    await fresh.goto(link);
    await expect(fresh.getByTestId('classroom.tour.position')).toHaveText('Tour step 1 of 5');
    await expect(fresh.getByTestId('classroom.tour.caption')).toHaveText('First: ReLU 1');
    await expect(fresh.getByTestId('conv.layer.title')).toHaveText('ReLU 1');
    // In Chinese the caption falls back to English where a step has no Chinese text.
    await fresh.getByTestId('app.lang').selectOption('zh-CN');
    await expect(fresh.getByTestId('classroom.tour.caption')).toHaveText('First: ReLU 1');
    await fresh.keyboard.press('ArrowRight');
    await fresh.keyboard.press('ArrowRight');
    await expect(fresh.getByTestId('classroom.tour.caption')).toHaveText('第三步：沙盒');
    await other.close();

    // A reload keeps the tour step.
    await page.waitForTimeout(400);
    await page.reload();
    await expect(position).toHaveText('Tour step 3 of 5');
    await expect(caption).toHaveText('Third: sandbox');
  });

  test('a malformed tour link says which field is wrong; the menu does too', async ({
    app,
    page,
  }) => {
    const bad = structuredClone(fiveStepTour);
    (bad.steps[2]!.config as Record<string, unknown>).stride = 0;
    await app.open('#/convolution', {
      tour: lz.compressToEncodedURIComponent(JSON.stringify(bad)),
    });
    const notice = app.notice('classroom.tour.badLink');
    await expect(notice).toContainText('steps.2.config.stride');
    await expect(notice).toContainText('stride is at least 1');
    await expect(page.getByTestId('classroom.tour.bar')).toHaveCount(0);
    // The lesson still works.
    await expect(app.predictedLabel).toBeVisible();

    // The same tour pasted into the tours menu: the problem is listed, then fixed and loaded.
    await openTool(page, 'classroom.tours-button');
    const json = page.getByTestId('classroom.tours.json');
    await json.fill(JSON.stringify(bad, null, 2));
    await page.getByTestId('classroom.tours.load').click();
    await expect(page.getByTestId('classroom.tours.problems')).toContainText(
      'steps.2.config.stride: stride is at least 1',
    );
    await expect(json).toHaveAttribute('aria-invalid', 'true');
    await json.fill(JSON.stringify(fiveStepTour));
    await page.getByTestId('classroom.tours.load').click();
    await expect(page.getByTestId('classroom.tours')).toBeHidden();
    await expect(bar(page).caption).toHaveText('First: ReLU 1');
    // A good tour with a bad tour step (`ts=0x3`): named, and the tour starts at its first step.
    await app.open('#/convolution', {
      tour: lz.compressToEncodedURIComponent(JSON.stringify(fiveStepTour)),
      ts: '0x3',
    });
    await expect(app.notice('classroom.tour.badLink')).toContainText('ts: "0x3"');
    await expect(bar(page).position).toHaveText('Tour step 1 of 5');
  });

  test('every built-in tour plays to its end, across lessons', async ({ app, page }) => {
    await app.open('#/convolution');
    for (const id of ['attention', 'convolution', 'gan']) {
      await openTool(page, 'classroom.tours-button');
      await page.getByTestId(`classroom.tours.start-${id}`).click();
      const { position } = bar(page);
      await expect(position).toHaveText(/^Tour step 1 of (\d+)$/);
      const count = Number(/of (\d+)/.exec((await position.textContent())!)![1]);
      await expect(page.getByTestId(`app.nav.${id}`)).toHaveAttribute('aria-current', 'page');
      await page.locator('main').focus();
      for (let i = 2; i <= count; i++) {
        await page.keyboard.press('ArrowRight');
        await expect(position).toHaveText(`Tour step ${i} of ${count}`);
      }
      await expect(page.getByTestId('classroom.tour.next')).toBeDisabled();
    }
  });

  test.describe('at 1280 × 800', () => {
    test.use({ viewport: CLASSROOM });

    /** The figure is inside the viewport and not under the tour bar fixed at the bottom. */
    async function expectFigureShown(page: Page, lesson: string): Promise<void> {
      const figure = page.getByTestId(`${lesson}.stage.figure`);
      await expectInViewport(figure, `${lesson} figure`);
      const bar = page.getByTestId('classroom.tour.bar');
      if ((await bar.count()) === 0) return;
      await expect
        .poll(async () => {
          const f = (await figure.boundingBox())!;
          const b = (await bar.boundingBox())!;
          return Math.round(f.y + f.height - b.y);
        })
        .toBeLessThanOrEqual(1);
    }

    test('tour captions typeset $…$ as MathML and keep markup as text', async ({ app, page }) => {
      const tour = {
        version: 1,
        title: 'Formulas',
        steps: [
          {
            lesson: 'convolution',
            config: { mode: 'sandbox' },
            step: 0,
            caption:
              'Scores: $QK^\\top / \\sqrt{d_k}$ and <img src=x onerror="window.__pwned=1"> costs \\$5',
          },
          {
            lesson: 'convolution',
            config: { mode: 'sandbox', stride: 1 },
            step: 0,
            caption: {
              en: 'Sum: $\\sum w\\cdot x + b = 60$',
              'zh-CN': '求和：$\\sum w\\cdot x + b = 60$',
            },
          },
        ],
      };
      await app.open('#/convolution', {
        tour: lz.compressToEncodedURIComponent(JSON.stringify(tour)),
      });
      const { caption } = bar(page);
      await expect(caption.locator('math')).toHaveCount(1);
      await expect(caption.locator('math msqrt')).toHaveCount(1);
      // The markup is shown as the text it is: no element made from it, nothing run.
      await expect(caption).toContainText('<img src=x onerror="window.__pwned=1">');
      await expect(caption).toContainText('costs $5');
      await expect(caption.locator('img')).toHaveCount(0);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      await expectFigureShown(page, 'conv');
      await page.getByTestId('classroom.tour.next').click();
      await expect(caption.locator('math')).toHaveCount(1);
      await expect(caption).toContainText('Sum:');
      await page.getByTestId('app.lang').selectOption('zh-CN');
      await expect(caption).toContainText('求和');
      await expect(caption.locator('math')).toHaveCount(1);
    });

    test('every step of the Convolution tour shows its figure above the tour bar', async ({
      app,
      page,
    }) => {
      await app.open('#/convolution');
      await openTool(page, 'classroom.tours-button');
      await page.getByTestId('classroom.tours.start-convolution').click();
      const { position, caption } = bar(page);
      await expect(position).toHaveText(/^Tour step 1 of (\d+)$/);
      const count = Number(/of (\d+)/.exec((await position.textContent())!)![1]);
      await page.locator('main').focus();
      for (let i = 1; i <= count; i++) {
        if (i > 1) await page.keyboard.press('ArrowRight');
        await expect(position).toHaveText(`Tour step ${i} of ${count}`);
        const sandbox = (await page.getByTestId('conv.sandbox').count()) > 0;
        if (sandbox) {
          await expectFigureShown(page, 'conv');
          await expect(page.getByTestId('conv.stage.formula')).toBeVisible();
        } else if ((await page.getByTestId('conv.stage.figure').count()) > 0) {
          // The model view moves to the stage separately: at least its figure starts on screen,
          // above the bar.
          const f = (await page.getByTestId('conv.stage.figure').boundingBox())!;
          const b = (await page.getByTestId('classroom.tour.bar').boundingBox())!;
          expect(f.y).toBeGreaterThanOrEqual(0);
          expect(f.y + 48).toBeLessThan(b.y);
        }
      }
      // The sandbox's captions typeset their formulas.
      await expect(caption.locator('math')).toHaveCount(1);
    });

    test('in classroom mode ← / → step the sandbox and keep the step in view', async ({
      app,
      page,
    }) => {
      const config = {
        mode: 'sandbox',
        input: [
          [1, 2, 3, 4, 5],
          [6, 7, 8, 9, 10],
          [11, 12, 13, 14, 15],
          [16, 17, 18, 19, 20],
          [21, 22, 23, 24, 25],
        ],
        kernel: [
          [1, 0, -1],
          [1, 0, -1],
          [1, 0, -1],
        ],
        padding: 1,
      };
      await app.open(`#/convolution?c=${lz.compressToEncodedURIComponent(JSON.stringify(config))}`);
      await page.keyboard.press('c');
      await expect(page.locator('html')).toHaveClass(/\bclassroom\b/);
      const position = page.getByTestId('conv.sandbox.position');
      const result = page.getByTestId('conv.sandbox.result');
      await expect(position).toHaveAttribute('data-step', '0');
      await expectFigureShown(page, 'conv');
      // Output (0,0) of the padded 5×5 with a vertical-edge kernel: −(2 + 7) = −9; then (0,1): (1 + 6) − (3 + 8) = −4.
      await expect(result).toHaveAttribute('data-value', '-9');
      await page.keyboard.press('ArrowRight');
      await expect(position).toHaveAttribute('data-step', '1');
      await expect(result).toHaveAttribute('data-value', '-4');
      await expect(page.getByTestId('conv.sandbox.output.cell-0-1')).toHaveClass(/current/);
      await expectFigureShown(page, 'conv');
      await expectInViewport(page.getByTestId('conv.stage.formula'), 'formula');
      await page.keyboard.press('ArrowLeft');
      await expect(position).toHaveAttribute('data-step', '0');
      await expectFigureShown(page, 'conv');
    });
  });
});
