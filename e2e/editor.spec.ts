import type { Page } from '@playwright/test';
import { expect, openTool, test } from './fixtures';

/** The config editor panel, as a user drives it. */
class EditorPanel {
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
  /** What Monaco shows (non-breaking spaces as spaces). */
  async text(): Promise<string> {
    const lines = this.root.locator('.view-lines');
    return ((await lines.textContent()) ?? '').replace(/\u00a0/g, ' ');
  }

  async open(): Promise<void> {
    await openTool(this.page, 'app.editor');
    await expect(
      this.page.locator('[data-testid="editor.monaco"][data-ready="true"]'),
    ).toBeVisible();
  }

  /** Replaces the whole text by pasting it (typing would add auto-closed brackets). */
  async replace(text: string): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.root.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+V');
  }
}

const convConfig = (page: Page) =>
  page.evaluate(() => {
    const s = window.glassbox!.state() as { configs: Record<string, unknown> };
    return s.configs.convolution;
  });

test.describe('Config editor', () => {
  test('Monaco is not in the initial bundle: it is fetched when the editor opens', async ({
    app,
    page,
  }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || /\.js$/.test(r.url())) scripts.push(r.url());
    });
    await app.open('#/convolution');
    await app.backend();
    await page.waitForLoadState('networkidle');
    const editorChunk = /ConfigEditor-|editor\.worker|json\.worker/;
    expect(scripts.filter((u) => editorChunk.test(u))).toEqual([]);
    await new EditorPanel(page).open();
    expect(scripts.some((u) => /ConfigEditor-/.test(u))).toBe(true);
  });

  test('a valid edit applies and the controls follow; controls update the text', async ({
    app,
    page,
  }) => {
    await app.open('#/convolution');
    const editor = new EditorPanel(page);
    await editor.open();
    await expect.poll(() => editor.text()).toContain('"sample": 0');
    await editor.replace('{"mode": "model", "digit": {"sample": 3}}');
    await expect(page.getByTestId('conv.sample-3')).toHaveAttribute('aria-pressed', 'true');
    await expect(editor.status).toHaveAttribute('data-valid', 'true');
    expect(await convConfig(page)).toEqual({ mode: 'model', digit: { sample: 3 }, unit: null });
    await expect(page).toHaveURL(/c=.*&v=1/);

    // The other way: a control changes the config, the text follows.
    await page.getByTestId('conv.sample-5').click();
    await expect.poll(() => editor.text()).toContain('"sample": 5');
  });

  test('an invalid edit keeps the last valid state, with a marker and a message', async ({
    app,
    page,
  }) => {
    await app.open('#/convolution');
    const editor = new EditorPanel(page);
    await editor.open();
    await editor.replace('{"mode": "model", "digit": {"sample": 3}}');
    await expect(page.getByTestId('conv.sample-3')).toHaveAttribute('aria-pressed', 'true');

    // JSON syntax: a trailing comma.
    await editor.replace('{"mode": "model", "digit": {"sample": 4},}');
    await expect(editor.status).toHaveAttribute('data-valid', 'false');
    await expect(editor.problems.first()).toHaveAttribute('data-field', 'json');
    await expect(editor.root.locator('.squiggly-error').first()).toBeVisible();
    expect(await convConfig(page)).toMatchObject({ digit: { sample: 3 } });

    // Schema: a field out of range is named by its path, and marked.
    await editor.replace('{"mode": "model", "digit": {"sample": 12}}');
    await expect(editor.problems).toHaveCount(1);
    await expect(editor.problems.first()).toHaveAttribute('data-field', 'config.digit.sample');
    await expect(editor.status).toContainText('config.digit.sample');
    await expect(editor.root.locator('.squiggly-error').first()).toBeVisible();
    await expect(page.getByTestId('conv.sample-3')).toHaveAttribute('aria-pressed', 'true');

    // The lesson's own refinement, on the right path.
    await editor.replace(
      '{"mode": "model", "digit": {"sample": 1}, "unit": {"layer": "conv1", "channel": 99, "y": 0, "x": 0}}',
    );
    await expect(editor.problems.first()).toHaveAttribute('data-field', 'config.unit.channel');
    expect(await convConfig(page)).toMatchObject({ digit: { sample: 3 } });

    // Mid-edit with an invalid text, a control change does not overwrite what the user typed.
    await page.getByTestId('conv.sample-5').click();
    await expect(page.getByTestId('conv.sample-5')).toHaveAttribute('aria-pressed', 'true');
    expect(await editor.text()).toContain('"channel": 99');
  });

  test('reset to defaults, then undo and redo (buttons)', async ({ app, page }) => {
    await app.open('#/convolution');
    const editor = new EditorPanel(page);
    await editor.open();
    await editor.replace('{"mode": "model", "digit": {"sample": 4}}');
    await expect(page.getByTestId('conv.sample-4')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('editor.reset').click();
    await expect(page.getByTestId('conv.sample-0')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('editor.undo').click();
    await expect(page.getByTestId('conv.sample-4')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('editor.redo').click();
    await expect(page.getByTestId('conv.sample-0')).toHaveAttribute('aria-pressed', 'true');
    // Monaco's own undo (keyboard) works the same.
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(page.getByTestId('conv.sample-4')).toHaveAttribute('aria-pressed', 'true');
  });

  test('completion offers the schema’s fields; Escape closes and focus returns', async ({
    app,
    page,
  }) => {
    await app.open('#/convolution');
    const editor = new EditorPanel(page);
    await editor.open();
    await editor.replace('{"mode": "sandbox", ');
    await page.keyboard.press('Control+Space');
    await expect(editor.root.locator('.suggest-widget')).toContainText('stride');
    await page.keyboard.press('Escape'); // closes the suggestions, not the panel
    await expect(editor.root).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(editor.root).toHaveCount(0);
    await expect(page.getByTestId('app.more')).toBeFocused(); // the menu the editor entry is in
  });
});
