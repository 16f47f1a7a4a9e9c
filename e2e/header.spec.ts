import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface Box {
  id: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The header's items as laid out: the brand, the lessons, and each tool in the tools group. */
const headerItems = (page: Page): Promise<Box[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('.app-header .brand, .app-header nav, .header-tools > *')].map(
      (el) => {
        const r = el.getBoundingClientRect();
        const id = el.getAttribute('data-testid') ?? el.querySelector('[data-testid]');
        return {
          id: typeof id === 'string' ? id : (id?.getAttribute('data-testid') ?? el.tagName),
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
        };
      },
    ),
  );

/** One row: every item overlaps every other vertically, and all of them fit the width. */
async function expectOneRow(page: Page): Promise<void> {
  const items = await headerItems(page);
  expect(items.length).toBeGreaterThanOrEqual(8); // brand, lessons, badge and 5 tools at least
  const lowestTop = Math.max(...items.map((b) => b.top));
  const highestBottom = Math.min(...items.map((b) => b.bottom));
  expect(lowestTop, JSON.stringify(items)).toBeLessThan(highestBottom);
  const width = await page.evaluate(() => window.innerWidth);
  for (const b of items) expect(b.right, b.id).toBeLessThanOrEqual(width);
  // …so the header is about one control tall (a second row would add 40 px or more).
  const tallest = Math.max(...items.map((b) => b.bottom - b.top));
  const header = (await page.locator('.app-header').boundingBox())!;
  expect(header.height).toBeLessThan(tallest + 30);
}

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

test.describe('App header', () => {
  test('is one row at 1280 × 800, in English and Chinese, and in classroom mode', async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const lang of ['en', 'zh-CN']) {
      await app.open('#/convolution', { lang });
      await app.backend();
      await expectOneRow(page);
      await page.keyboard.press('c');
      await expect(page.locator('html')).toHaveClass(/\bclassroom\b/);
      await expectOneRow(page);
      await page.keyboard.press('c');
      await expect(page.locator('html')).not.toHaveClass(/\bclassroom\b/);
    }
  });

  test('the moved tools are reachable with the keyboard alone', async ({ app, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await app.open('#/convolution');
    await expect(app.predictedLabel).toBeVisible();
    const more = page.getByTestId('app.more');
    const menu = page.getByTestId('app.more.menu');

    // Tab from the top of the page reaches the More button, which says it opens a menu.
    for (let i = 0; (await focusedTestId(page)) !== 'app.more'; i++) {
      expect(i, 'Tab presses to reach More').toBeLessThan(20);
      await page.keyboard.press('Tab');
    }
    await expect(more).toHaveAttribute('aria-haspopup', 'menu');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toHaveAccessibleName('More tools');

    // Enter opens it on its first item; ↓/↑ move and wrap, End/Home jump; Escape closes it.
    await page.keyboard.press('Enter');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(menu).toHaveRole('menu');
    const items = menu.locator('[role^="menuitem"]');
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids).toEqual([
      'app.editor',
      'app.embed',
      'classroom.tours-button',
      'export.button',
      'classroom.help',
    ]);
    for (const item of await items.all()) {
      await expect(item).toHaveAccessibleName(/\S/);
      await expect(item).toHaveAttribute('tabindex', '-1');
    }
    await expect(page.getByTestId('app.editor')).toBeFocused();
    await expect(page.getByTestId('app.editor')).toHaveRole('menuitemcheckbox');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('classroom.help')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('app.editor')).toBeFocused();
    await page.keyboard.press('End');
    await expect(page.getByTestId('classroom.help')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('app.editor')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toBeFocused();

    // ↓ on the button opens it too; Enter on Embed opens the embed dialog, and closing the
    // dialog puts focus back on More.
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('app.editor')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('app.embed')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('embed.dialog')).toBeVisible();
    await expect(menu).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('embed.dialog')).toHaveCount(0);
    await expect(more).toBeFocused();

    // Tab out of the open menu closes it and moves on; so does a click elsewhere.
    await page.keyboard.press('Enter');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(menu).toHaveCount(0);
    await expect(more).not.toBeFocused();
    await more.click();
    await expect(menu).toBeVisible();
    await page.getByRole('heading', { level: 1 }).click();
    await expect(menu).toHaveCount(0);
  });

  test('in classroom mode the menu keeps its arrows: the lesson does not step', async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await app.open('#/convolution');
    await expect(app.predictedLabel).toBeVisible();
    const title = page.getByTestId('conv.layer.title');
    await page.keyboard.press('c');
    await expect(title).toHaveText('Input image');
    await page.keyboard.press('ArrowRight'); // the classroom shortcut steps the lesson…
    await expect(title).toHaveText('Convolution 1');

    await page.getByTestId('app.more').focus();
    await page.keyboard.press('Enter');
    const group = page.getByTestId('app.more.group-classroom');
    await expect(group).toHaveAccessibleName('Classroom');
    await page.keyboard.press('ArrowRight'); // …but not from inside the menu
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('app.editor')).toBeFocused();
    await expect(title).toHaveText('Convolution 1');
    await page.keyboard.press('End');
    await expect(page.getByTestId('classroom.fullscreen')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('classroom.contrast')).toBeFocused();
    await expect(page.getByTestId('classroom.contrast')).toHaveAttribute('aria-checked', 'false');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveClass(/\bhigh-contrast\b/);
    await expect(page.getByTestId('app.more')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('classroom.contrast')).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('Escape');
    await expect(title).toHaveText('Convolution 1');
  });
});

test.describe('App header on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('no sideways scroll, and every tool is reachable by touch', async ({ app, page }) => {
    for (const lang of ['en', 'zh-CN']) {
      await app.open('#/convolution', { lang });
      await app.backend();
      const overflow = await page.evaluate(() => ({
        scroll: document.scrollingElement!.scrollWidth,
        width: window.innerWidth,
      }));
      expect(overflow.scroll).toBeLessThanOrEqual(overflow.width);

      // Every control in the header is on screen and big enough to tap.
      const controls = page.locator(
        '.app-header nav a, .header-tools button, .header-tools select',
      );
      expect(await controls.count()).toBe(9); // 4 lessons, Share, Classroom, language, Settings, More
      // Two rows (the logo with the lessons, then the tools), so the lesson starts high.
      const header = (await page.locator('.app-header').boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(110);
      for (const control of await controls.all()) {
        const box = (await control.boundingBox())!;
        const id = (await control.getAttribute('data-testid')) ?? '';
        expect(box.x, id).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, id).toBeLessThanOrEqual(overflow.width);
        expect(box.height, id).toBeGreaterThanOrEqual(36);
        expect(box.width, id).toBeGreaterThanOrEqual(36);
      }
      await expect(page.getByTestId('app.settings')).toHaveAccessibleName(/Settings|设置/);

      // The More menu opens on screen, and its tools work by touch.
      await page.getByTestId('app.more').tap();
      const menu = page.getByTestId('app.more.menu');
      const box = (await menu.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(overflow.width);
      await page.getByTestId('app.embed').tap();
      await expect(page.getByTestId('embed.dialog')).toBeVisible();
      await page
        .getByTestId('embed.dialog')
        .getByRole('button', { name: /Close|关闭/ })
        .tap();
      await expect(page.getByTestId('embed.dialog')).toHaveCount(0);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(
        overflow.width,
      );
    }
  });
});
