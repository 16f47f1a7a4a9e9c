import type { Browser, Page } from '@playwright/test';
import { expect, openTool, test } from './fixtures';

/**
 * Share links and embed snippets: every lesson's view survives a round-trip through a link
 * opened in a fresh browser profile (new context), and the embed dialog's code opens the
 * same view with the chosen controls hidden.
 */

interface View {
  lesson: string;
  config: unknown;
  step: number;
  lang: string;
  policy: string;
  hide: readonly string[];
}

const view = (page: Page): Promise<View> =>
  page.evaluate(() => {
    const s = window.glassbox!.state() as {
      lesson: string;
      configs: Record<string, unknown>;
      steps: Record<string, number>;
      lang: string;
      policy: string;
      embed: { hide: readonly string[] };
    };
    return {
      lesson: s.lesson,
      config: s.configs[s.lesson],
      step: s.steps[s.lesson] ?? 0,
      lang: s.lang,
      policy: s.policy,
      hide: s.embed.hide,
    };
  });

/** Talks to the page's own embed API (the same path a host page uses). */
const ask = (page: Page, msg: Record<string, unknown>) =>
  page.evaluate(
    (m) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const id = `t${Math.random()}`;
        const on = (e: MessageEvent) => {
          const d = e.data as { source?: string; id?: string };
          if (d?.source === 'glassbox' && d.id === id) {
            window.removeEventListener('message', on);
            resolve(e.data as Record<string, unknown>);
          }
        };
        window.addEventListener('message', on);
        window.postMessage({ source: 'glassbox-host', id, ...m }, '*');
      }),
    msg,
  );

/** Opens a URL in a fresh browser context (another profile: nothing shared) and reads its view. */
async function openElsewhere(browser: Browser, url: string): Promise<View> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.glassbox !== undefined);
    await expect(page.getByTestId('notice.notice.badLink')).toHaveCount(0);
    return await view(page);
  } finally {
    await context.close();
  }
}

// A mode other than each lesson's default, so the link must carry a real config.
const OTHER_MODE: Record<string, string> = {
  attention: 'sandbox',
  convolution: 'sandbox',
  gan: 'losses',
};

test.describe('Share links', () => {
  for (const lesson of Object.keys(OTHER_MODE)) {
    test(`a share link reproduces the ${lesson} view in another profile`, async ({
      app,
      page,
      browser,
      ep,
    }) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await app.open(`#/${lesson}`);
      const set = await ask(page, {
        type: 'setConfig',
        lesson,
        config: { mode: OTHER_MODE[lesson] },
      });
      expect(set).toMatchObject({ type: 'state', lesson });
      const stepCount = set.stepCount as number;
      if (stepCount > 1) await ask(page, { type: 'goto', step: stepCount - 1 });
      await page.getByTestId('app.lang').selectOption('zh-CN');
      const before = await view(page);
      expect(before).toMatchObject({ lesson, lang: 'zh-CN', policy: ep });

      await page.getByTestId('app.share').click();
      await expect(page.getByTestId('app.share.status')).toHaveAttribute('data-copy', 'copied');
      const link = await page.getByTestId('app.share.link').inputValue();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      await expect(page.getByTestId('app.share.length')).toContainText(`${link.length}`);
      const url = new URL(link);
      expect(url.searchParams.get('lang')).toBe('zh-CN');
      expect(url.searchParams.get('ep')).toBe(ep);
      expect(url.hash).toMatch(new RegExp(`^#/${lesson}\\?.*c=.*&v=1$`));
      // Compact enough for a chat message.
      expect(link.length).toBeLessThan(2000);

      expect(await openElsewhere(browser, link)).toEqual(before);
    });
  }

  test('when copying is refused, the link is selected in a field to copy by hand', async ({
    app,
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      });
    });
    await app.open('#/convolution?step=2');
    await page.getByTestId('app.share').click();
    const status = page.getByTestId('app.share.status');
    await expect(status).toHaveAttribute('data-copy', 'failed');
    await expect(status).toContainText('Ctrl+C');
    const field = page.getByTestId('app.share.link');
    await expect(field).toBeFocused();
    const selected = await field.evaluate((el: HTMLInputElement) =>
      el.value.slice(el.selectionStart!, el.selectionEnd!),
    );
    expect(selected).toBe(await field.inputValue());
    expect(selected).toMatch(/#\/convolution\?step=2$/);
    await page.keyboard.press('Escape');
    await expect(field).toHaveCount(0);
    await expect(page.getByTestId('app.share')).toBeFocused();
  });
});

test.describe('Embed snippet', () => {
  test('the dialog’s code opens the same view with the chosen controls hidden', async ({
    app,
    page,
    browser,
    ep,
  }) => {
    await app.open('#/convolution');
    await page.getByTestId('conv.sample-3').click();
    const before = await view(page);
    await openTool(page, 'app.embed');
    const dialog = page.getByTestId('embed.dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('embed.hide-samples').check();
    await dialog.getByTestId('embed.hide-draw').check();
    await dialog.getByTestId('embed.backend').selectOption(ep);
    await dialog.getByTestId('embed.lang').selectOption('zh-CN');
    await dialog.getByTestId('embed.size').selectOption('custom');
    await dialog.getByTestId('embed.width').fill('640');
    await dialog.getByTestId('embed.height').fill('50'); // too small: the last good size stays
    await expect(dialog.getByRole('alert')).toBeVisible();
    await dialog.getByTestId('embed.height').fill('700');
    await dialog.getByTestId('embed.origins').fill('https://my.blog, nonsense');
    await expect(dialog.getByRole('alert')).toContainText('nonsense');

    const code = await dialog.getByTestId('embed.code').inputValue();
    const frame = await page.evaluate((html) => {
      const f = new DOMParser().parseFromString(html, 'text/html').querySelector('iframe')!;
      return { src: f.src, width: f.getAttribute('width'), height: f.getAttribute('height') };
    }, code);
    expect(frame.width).toBe('640');
    expect(frame.height).toBe('700');
    const src = new URL(frame.src);
    expect(src.searchParams.get('embed')).toBe('1');
    expect(src.searchParams.get('hide')).toBe('draw,samples');
    expect(src.searchParams.get('origins')).toBe('https://my.blog');

    // The live preview shows the snippet's URL: no app chrome, hidden controls hidden.
    const preview = page.frameLocator('[data-testid="embed.preview"]');
    await expect(preview.getByTestId('conv.prediction.label')).toHaveAttribute('data-digit', '3');
    await expect(preview.getByTestId('conv.sample-3')).toHaveCount(0);
    await expect(preview.getByTestId('app.nav.convolution')).toHaveCount(0);

    expect(await openElsewhere(browser, frame.src)).toEqual({
      ...before,
      lang: 'zh-CN',
      policy: ep,
      hide: ['draw', 'samples'],
    });

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('app.more')).toBeFocused(); // the menu the Embed entry is in
  });
});
