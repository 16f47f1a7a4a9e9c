// Screenshots of every stage at the three sizes the brief names (used for docs/ and review).
// Usage: node scripts/shots.mjs OUTDIR [filter] [--lang zh-CN]   (needs `npm run preview` on 4173)
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
const out = process.argv[2] ?? 'shots';
const filter = process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : '';
const lang = process.argv.includes('--zh') ? 'zh-CN' : 'en';
mkdirSync(out, { recursive: true });
const base = process.env.BASE ?? 'http://127.0.0.1:4173/';
const VIEWS = {
  'conv-model': '#/convolution',
  'conv-sandbox': '#/convolution?c=' , // filled below
  'attn-model': '#/attention',
  'attn-sandbox': '#/attention',
  'gan-train': '#/gan',
  'gan-losses': '#/gan',
  'gan-digits': '#/gan',
};
const MODES = { 'conv-sandbox': ['conv.mode.sandbox'], 'attn-sandbox': ['attention.mode.sandbox'], 'gan-losses': ['gan.mode.losses'], 'gan-digits': ['gan.mode.digits'] };
const SIZES = [[1280, 800], [1920, 1080], [390, 844]];
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const [name, hash] of Object.entries(VIEWS)) {
  if (filter && !name.includes(filter)) continue;
  for (const [w, h] of SIZES) {
    const page = await browser.newPage({ viewport: { width: w, height: h }, hasTouch: w < 500, isMobile: w < 500 });
    await page.goto(`${base}?ep=wasm&lang=${lang}${hash.startsWith('#/convolution?c=') ? '#/convolution' : hash}`);
    for (const id of MODES[name] ?? []) await page.getByTestId(id).click();
    // Until the model has loaded and the view has drawn (nothing busy), then a moment more.
    await page
      .waitForFunction(() => !document.querySelector('[aria-busy="true"], .model-status'), null, {
        timeout: 30_000,
      })
      .catch(() => undefined);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/${name}-${w}x${h}${lang === 'en' ? '' : '-zh'}.png` });
    await page.close();
  }
}
await browser.close();
