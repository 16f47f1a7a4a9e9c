// Screenshots of every view's stage at the three sizes we design for: 1280 × 800 (a classroom
// laptop on a projector), 1920 × 1080 and 390 × 844 (a phone held upright). They go under
// docs/stage/ and into the README; look at them after any change to a view.
//
//   npm run preview &            # serves the production build on 127.0.0.1:4173
//   node scripts/shots.mjs docs/stage [filter] [--zh]
//
// BASE=http://127.0.0.1:PORT/ points it at another server. `--readme` also writes
// docs/screenshot.png (the Convolution stage with a unit opened).
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';

const args = process.argv.slice(2);
const out = args[0] ?? 'shots';
const filter = args[1] && !args[1].startsWith('--') ? args[1] : '';
const lang = args.includes('--zh') ? 'zh-CN' : 'en';
const base = process.env.BASE ?? 'http://127.0.0.1:4173/';
mkdirSync(out, { recursive: true });

/** Each view: its route and what to click to get there. */
const VIEWS = {
  'conv-model': { hash: '#/convolution', clicks: [] },
  'conv-sandbox': { hash: '#/convolution', clicks: ['conv.mode.sandbox'] },
  'attn-model': { hash: '#/attention', clicks: [] },
  'attn-sandbox': { hash: '#/attention', clicks: ['attention.mode.sandbox'] },
  'gan-train': { hash: '#/gan', clicks: [] },
  // The walk, on D's update: the step with the optimizer's own rule.
  'gan-walk': { hash: '#/gan', clicks: ['gan.train.walk-start'], keys: 4 },
  'gan-losses': { hash: '#/gan', clicks: ['gan.mode.losses'] },
  'gan-digits': { hash: '#/gan', clicks: ['gan.mode.digits'] },
  'basics-activations': { hash: '#/basics', clicks: [] },
  'basics-losses': { hash: '#/basics', clicks: ['basics.mode.losses'] },
  'basics-descent': { hash: '#/basics', clicks: ['basics.mode.descent'] },
  'basics-backprop': { hash: '#/basics', clicks: ['basics.mode.backprop'] },
  // The trainer opens in the worker first: wait for the network's own heatmaps.
  'basics-playground': { hash: '#/basics', clicks: ['basics.mode.playground'], wait: 8000 },
};
const SIZES = [
  [1280, 800],
  [1920, 1080],
  [390, 844],
];

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

/** Waits until the model has loaded and the view has drawn (nothing busy), then a moment more. */
async function settle(page) {
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"], .model-status'), null, {
      timeout: 30_000,
    })
    .catch(() => undefined);
  await page.waitForTimeout(1500);
}

async function open(name, w, h) {
  const view = VIEWS[name];
  const page = await browser.newPage({
    viewport: { width: w, height: h },
    hasTouch: w < 500,
    isMobile: w < 500,
  });
  await page.goto(`${base}?ep=wasm&lang=${lang}${view.hash}`);
  for (const id of view.clicks) await page.getByTestId(id).click();
  await settle(page);
  for (let i = 0; i < (view.keys ?? 0); i++) await page.keyboard.press('ArrowRight');
  if (view.keys) await settle(page);
  if (view.wait) await page.waitForTimeout(view.wait);
  return page;
}

const suffix = lang === 'en' ? '' : '-zh';
for (const name of Object.keys(VIEWS)) {
  if (filter && !name.includes(filter)) continue;
  for (const [w, h] of SIZES) {
    const page = await open(name, w, h);
    await page.screenshot({ path: `${out}/${name}-${w}x${h}${suffix}.png` });
    await page.close();
  }
}

if (args.includes('--readme')) {
  const page = await open('conv-model', 1280, 800);
  const map = page.getByTestId('conv.column.conv2-4');
  const box = await map.boundingBox();
  const at = { x: (7.5 / 14) * box.width, y: (6.5 / 14) * box.height };
  await map.click({ position: at });
  await settle(page);
  for (let i = 0; i < 12; i++) await page.getByTestId('conv.unit.step.next').click();
  await map.hover({ position: at });
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'docs/screenshot.png' });
  await page.close();
}
await browser.close();
