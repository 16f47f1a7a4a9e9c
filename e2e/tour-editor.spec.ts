import type { Page } from '@playwright/test';
import { chooseToolByKeyboard, expect, openTool, test } from './fixtures';

/** Presses Tab until the element with this test id has focus, as a keyboard user would. */
async function tabTo(page: Page, testId: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (at === testId) return;
  }
  throw new Error(`Tab never reached ${testId}`);
}

/** The editor panel holding a tour document. */
class TourEditor {
  constructor(readonly page: Page) {}

  get root() {
    return this.page.getByTestId('editor');
  }
  get status() {
    return this.page.getByTestId('editor.status');
  }
  get problems() {
    return this.page.getByTestId('editor.problem');
  }
  get play() {
    return this.page.getByTestId('editor.tour.play');
  }
  get copyLink() {
    return this.page.getByTestId('editor.tour.copy-link');
  }
  async ready(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-document', 'tour');
    await expect(
      this.page.locator('[data-testid="editor.monaco"][data-ready="true"]'),
    ).toBeVisible();
  }
  /** What Monaco shows (non-breaking spaces as spaces). */
  async text(): Promise<string> {
    return ((await this.root.locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
  }
  /** Replaces the whole text by pasting it (typing would add auto-closed brackets). */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.root.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+V');
  }
}

const steps = [
  {
    lesson: 'convolution',
    config: { mode: 'model', digit: { sample: 7 } },
    step: 2,
    caption: { en: 'One: the first ReLU', 'zh-CN': '一：第一个 ReLU' },
  },
  { lesson: 'convolution', config: { mode: 'model' }, step: 3, caption: 'Two: pooling' },
  {
    lesson: 'convolution',
    config: { mode: 'sandbox', stride: 2 },
    step: 0,
    caption: 'Three: a stride of 2',
  },
  { lesson: 'gan', config: { mode: 'losses' }, step: 2, caption: 'Four: the losses' },
  { lesson: 'attention', config: { mode: 'sandbox' }, step: 1, caption: 'Five: attention' },
];
const goodTour = { version: 1, title: { en: 'Five stops', 'zh-CN': '五站' }, steps };
const badTour = structuredClone(goodTour);
(badTour.steps[2]!.config as Record<string, unknown>).stride = 0;

test.describe('Tour editor', () => {
  test('a teacher writes a five-step tour, shares it, and presents it with the keyboard elsewhere', async ({
    app,
    page,
    browser,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.open('#/convolution');
    await expect(app.predictedLabel).toBeVisible();

    // Tours → "Write a tour in the editor", with the keyboard.
    await chooseToolByKeyboard(page, 'classroom.tours-button');
    await tabTo(page, 'classroom.tours.write');
    await page.keyboard.press('Enter');
    const editor = new TourEditor(page);
    await editor.ready();
    await expect(page.getByTestId('classroom.tours')).toBeHidden();
    await expect(editor.root.getByRole('heading')).toHaveText('Tour editor');

    // The template is the current view, with an empty caption that is marked at once.
    await expect.poll(() => editor.text()).toContain('"lesson": "convolution"');
    expect(await editor.text()).toContain('"caption": ""');
    await expect(editor.problems.first()).toHaveAttribute('data-field', 'steps.0.caption');
    await expect(editor.play).toBeDisabled();

    // Completion inside a step's config offers that lesson's fields (the tour's own schema).
    await editor.paste(
      '{"title": "x", "steps": [{"lesson": "convolution", "config": {"mode": "sandbox", ',
    );
    await page.keyboard.press('Control+Space');
    await expect(editor.root.locator('.suggest-widget')).toContainText('stride');
    await page.keyboard.press('Escape');
    await expect(editor.root).toBeVisible();

    // A bad step: the problem names its path, is marked in the text, and blocks Play.
    await editor.paste(JSON.stringify(badTour, null, 2));
    await expect(editor.problems).toHaveCount(1);
    await expect(editor.problems.first()).toHaveAttribute('data-field', 'steps.2.config.stride');
    await expect(editor.status).toContainText('stride is at least 1');
    await expect(editor.root.locator('.squiggly-error').first()).toBeVisible();
    await expect(editor.play).toBeDisabled();
    await expect(editor.copyLink).toBeDisabled();

    // Fixed: valid, five steps. Monaco's undo brings the bad text back, redo the fix.
    await editor.paste(JSON.stringify(goodTour, null, 2));
    await expect(editor.status).toHaveAttribute('data-valid', 'true');
    await expect(editor.status).toContainText('5 steps');
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(editor.problems.first()).toHaveAttribute('data-field', 'steps.2.config.stride');
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(editor.status).toHaveAttribute('data-valid', 'true');
    await expect(editor.play).toBeEnabled();

    // Copy the tour link: it is shown in a field (and on the clipboard).
    await editor.copyLink.click();
    const field = page.getByTestId('editor.tour.link');
    await expect(field).toBeFocused();
    const link = await field.inputValue();
    expect(link).toMatch(/[?&]tour=/);
    expect(link).not.toContain('#');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Play it here too: the tour bar opens at its first step; the editor keeps its text.
    await editor.play.click();
    await expect(page.getByTestId('classroom.tour.position')).toHaveText('Tour step 1 of 5');
    await expect(editor.status).toHaveAttribute('data-valid', 'true');
    await page.keyboard.press('Escape');
    await expect(editor.root).toHaveCount(0);
    await expect(page.getByTestId('app.more')).toBeFocused(); // the menu the Tours entry is in

    // Another browser profile: the link alone, presented with the keyboard alone.
    const other = await browser.newContext({ baseURL: page.url() });
    const fresh = await other.newPage();
    const errors: string[] = [];
    fresh.on('pageerror', (e) => errors.push(e.message));
    await fresh.goto(link);
    const position = fresh.getByTestId('classroom.tour.position');
    const caption = fresh.getByTestId('classroom.tour.caption');
    const nav = (id: string) => fresh.getByTestId(`app.nav.${id}`);
    await expect(fresh.getByTestId('classroom.tour.title')).toHaveText('Five stops');
    await expect(position).toHaveText('Tour step 1 of 5');
    await expect(caption).toHaveText('One: the first ReLU');
    await expect(fresh.getByTestId('conv.layer.title')).toHaveText('ReLU 1');

    await fresh.keyboard.press('ArrowRight');
    await expect(position).toHaveText('Tour step 2 of 5');
    await expect(caption).toHaveText('Two: pooling');
    await expect(fresh.getByTestId('conv.layer.title')).toHaveText('Max pool 1');

    await fresh.keyboard.press('ArrowRight');
    await expect(caption).toHaveText('Three: a stride of 2');
    await expect(fresh.getByTestId('conv.mode.sandbox')).toHaveAttribute('aria-pressed', 'true');

    await fresh.keyboard.press('ArrowRight');
    await expect(position).toHaveText('Tour step 4 of 5');
    await expect(caption).toHaveText('Four: the losses');
    await expect(nav('gan')).toHaveAttribute('aria-current', 'page');

    await fresh.keyboard.press('ArrowRight');
    await expect(position).toHaveText('Tour step 5 of 5');
    await expect(caption).toHaveText('Five: attention');
    await expect(nav('attention')).toHaveAttribute('aria-current', 'page');
    await expect(fresh.getByTestId('classroom.tour.next')).toBeDisabled();

    // ← goes back across the lesson switch.
    await fresh.keyboard.press('ArrowLeft');
    await expect(position).toHaveText('Tour step 4 of 5');
    await expect(nav('gan')).toHaveAttribute('aria-current', 'page');
    expect(errors).toEqual([]);
    await other.close();
  });

  test('the tour editor starts from the tour being played', async ({ app, page }) => {
    await app.open('#/convolution');
    await openTool(page, 'classroom.tours-button');
    await page.getByTestId('classroom.tours.start-gan').click();
    await expect(page.getByTestId('classroom.tour.position')).toHaveText(/^Tour step 1 of/);
    await openTool(page, 'classroom.tours-button');
    await page.getByTestId('classroom.tours.write').click();
    const editor = new TourEditor(page);
    await editor.ready();
    await expect(editor.status).toHaveAttribute('data-valid', 'true');
    await expect.poll(() => editor.text()).toContain('"lesson": "gan"');
    await expect(editor.play).toBeEnabled();
  });
});
