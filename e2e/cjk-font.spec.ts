import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';

// Issue 12: Chinese renders with our own font subset (public/fonts/glassbox-cjk-sc.woff2, made
// by scripts/make-cjk-font.py), fetched from our origin only when Chinese is on the page. The
// test machine may have system CJK fonts (Debian's fonts-noto-cjk) and CI machines may not, so
// this checks our face — that it loaded and that the text is drawn with it — never what the
// system has: text drawn with a system CJK font here would be boxes on a machine without one.

const FONT_FILE = /\/fonts\/glassbox-cjk-sc\.woff2(\?|$)/;

/** Every request for the font file, from now on. */
function fontRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (FONT_FILE.test(r.url())) seen.push(r);
  });
  return seen;
}

/**
 * The status of the 'Glassbox CJK' face that is the font file (unicode-range over all the CJK
 * Unified Ideographs), once pending loads settle. The family's other face, a few glyphs inlined
 * in the CSS for the language menu's 简体中文, never touches the network.
 */
const fileFaceStatus = (page: Page) =>
  page.evaluate(async () => {
    await document.fonts.ready;
    const faces = [...document.fonts].filter(
      (f) => f.family.replace(/["']/g, '') === 'Glassbox CJK' && /4E00-9FFF/i.test(f.unicodeRange),
    );
    return faces.length === 1 ? faces[0]!.status : `${faces.length} faces`;
  });

/**
 * Each element on screen whose own text has Chinese and whose font stack puts our face first
 * for it (not the token cells' 'Noto Sans Mono CJK SC'), with the fonts Chromium drew it with
 * (DevTools protocol). Hidden elements have none and are left out.
 */
async function chineseTextFonts(page: Page): Promise<{ text: string; fonts: string[] }[]> {
  await page.evaluate(() => {
    let i = 0;
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('');
      const stack = getComputedStyle(el).fontFamily;
      if (/[\u4e00-\u9fff]/.test(own) && el.tagName !== 'OPTION' && !/Mono CJK/.test(stack)) {
        el.setAttribute('data-cjk-check', String(i++));
      }
    }
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: '[data-cjk-check]',
  });
  const out: { text: string; fonts: string[] }[] = [];
  for (const nodeId of nodeIds) {
    // The view may re-render between the query and this call (a model finishing its load): a
    // node that is gone by now is not on screen, so it is skipped, not an error.
    try {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      if (fonts.length === 0) continue;
      const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
      out.push({ text: outerHTML.slice(0, 120), fonts: fonts.map((f) => f.familyName) });
    } catch (e) {
      if (!/Could not find node|No node with given id/i.test(String(e))) throw e;
    }
  }
  await cdp.detach();
  return out;
}

/** Waits until our face has loaded, then checks every Chinese text on screen is drawn with it. */
async function expectChineseInOurFace(page: Page): Promise<void> {
  await expect.poll(() => fileFaceStatus(page)).toBe('loaded');
  await expect.poll(async () => (await chineseTextFonts(page)).length).toBeGreaterThan(0);
  // One frame for the relayout once the face has arrived (src/app/cjkFont.ts).
  await expect
    .poll(async () =>
      (await chineseTextFonts(page)).filter((t) => !t.fonts.includes('Glassbox CJK')),
    )
    .toEqual([]);
}

test.describe('Chinese font (Glassbox CJK)', () => {
  test('zh-CN loads our CJK face from our own origin and draws the Chinese with it', async ({
    app,
    page,
    baseURL,
  }) => {
    const requests = fontRequests(page);
    await app.open('#/attention', { lang: 'zh-CN' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('app.nav.attention')).toHaveText(/[\u4e00-\u9fff]/);
    await app.backend();

    await expectChineseInOurFace(page);
    expect(requests.length).toBeGreaterThan(0);
    const origin = new URL(baseURL!).origin;
    for (const r of requests) {
      expect(new URL(r.url()).origin, r.url()).toBe(origin);
      expect((await r.response())?.status(), r.url()).toBe(200);
    }
  });

  test('English on the Convolution lesson never requests the font', async ({ app, page }) => {
    const requests = fontRequests(page);
    await app.open('#/convolution', { lang: 'en' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await app.backend();
    await app.settled();
    // The language menu lists 简体中文 (drawn from the inlined face), nothing else is Chinese.
    await expect(page.getByTestId('app.lang').locator('option[value="zh-CN"]')).toHaveText(
      '简体中文',
    );
    expect(await fileFaceStatus(page)).toBe('unloaded'); // declared, never fetched
    expect(requests.map((r) => r.url())).toEqual([]);
  });

  test('English with Chinese on screen (the sandbox’s 我 爱 你) fetches and uses it', async ({
    app,
    page,
  }) => {
    const requests = fontRequests(page);
    await app.open('#/attention', { lang: 'en' });
    await page.getByTestId('attention.mode.sandbox').click();
    await expect(page.getByTestId('attention.sandbox.tokens')).toBeVisible();
    await expectChineseInOurFace(page);
    expect(requests.length).toBeGreaterThan(0);
  });
});
