/**
 * Page objects and fixtures for the e2e suite. Every project runs the same specs with its
 * own `ep` (backend policy) so each journey is proven on WASM and on WebGPU.
 */
import { readFileSync } from 'node:fs';
import { test as base, expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

export interface GlassboxOptions {
  ep: 'wasm' | 'webgpu';
}

interface GoldenCase {
  label: number;
  input: { data: number[] };
  outputs: Record<string, { shape: number[]; data: number[] }>;
}

export const golden = JSON.parse(
  readFileSync(new URL('../models/fixtures/mnist_cnn.golden.json', import.meta.url), 'utf8'),
) as { tolerance: number; cases: GoldenCase[] };

/** The golden case of a sample digit (samples are the first held-back digit of each class). */
export function goldenCase(label: number): GoldenCase {
  const c = golden.cases.find((g) => g.label === label);
  if (!c) throw new Error(`no golden case for ${label}`);
  return c;
}

export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
}

/** The Glassbox app, as a user sees it. */
export class GlassboxPage {
  constructor(
    readonly page: Page,
    readonly ep: string,
  ) {}

  /** Opens the app with `?ep=` set for this project, plus extra query and a hash route. */
  async open(hash = '#/convolution', query: Record<string, string> = {}): Promise<void> {
    const q = new URLSearchParams({ ep: this.ep, ...query });
    await this.page.goto(`./?${q.toString()}${hash}`);
  }

  get badge(): Locator {
    return this.page.getByTestId('app.backend');
  }

  /** Waits until the badge names a backend, and returns it. */
  async backend(): Promise<string> {
    await expect(this.badge).toHaveAttribute('data-backend', /webgpu|wasm/);
    return (await this.badge.getAttribute('data-backend')) ?? '';
  }

  get predictedLabel(): Locator {
    return this.page.getByTestId('conv.prediction.label');
  }

  /** Waits until the prediction shown is the one for the current digit (no run pending). */
  async settled(): Promise<void> {
    await expect(this.page.getByTestId('conv.prediction')).toHaveAttribute('aria-busy', 'false');
  }

  async pickSample(digit: number): Promise<void> {
    await this.page.getByTestId(`conv.sample-${digit}`).click();
  }

  /** The ten probabilities the bar chart shows (exact values from data-value). */
  async probabilities(): Promise<number[]> {
    const bars = this.page.locator('[data-testid^="conv.prediction.bar-"]');
    await expect(bars).toHaveCount(10);
    return (await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).map(
      Number,
    );
  }

  notice(key: string): Locator {
    return this.page.getByTestId(`notice.${key}`);
  }
}

export const test = base.extend<GlassboxOptions & { app: GlassboxPage }>({
  ep: ['wasm', { option: true }],
  app: async ({ page, ep }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(new GlassboxPage(page, ep));
    // An uncaught exception in the page is a bug even when the journey looked fine.
    expect(errors, 'uncaught page errors').toEqual([]);
  },
});

export { expect };

// --- the embed API, through the example host page ----------------------------------------------

/** An answer from embedded Glassbox (docs/embedding.md): `state`, `result` or `error`. */
export type EmbedReply = Record<string, unknown> & { type: string };

/**
 * Opens the example host page (public/examples/embed-host.html) on another origin (localhost vs
 * 127.0.0.1), embedding Glassbox with `?embed=1&ep=` on `route` (a hash route, with `?c=` if
 * wanted), and waits until Glassbox says it is ready. Returns the frame it is in.
 */
export async function openEmbedHost(
  page: Page,
  ep: string,
  route = '#/convolution',
): Promise<FrameLocator> {
  const base = new URL(test.info().project.use.baseURL!);
  const app = new URL(`./?embed=1&ep=${ep}${route}`, base).href;
  const host = new URL('./examples/embed-host.html', base);
  host.hostname = 'localhost';
  host.searchParams.set('src', app);
  await page.goto(host.href);
  await page.evaluate(() => (window as unknown as { ready: Promise<unknown> }).ready);
  return page.frameLocator('#glassbox');
}

/**
 * Sends `msg` (as `source: 'glassbox-host'`) through the host page's `ask` and resolves with the
 * reply carrying the same id, whatever its type.
 */
export const ask = (page: Page, msg: Record<string, unknown>): Promise<EmbedReply> =>
  page.evaluate((m) => (window as unknown as { ask: (m: unknown) => Promise<EmbedReply> }).ask(m), {
    source: 'glassbox-host',
    ...msg,
  });

/** Asks for `getResult`, expects a `result` reply (else fails showing it), returns its result. */
export async function getResult<T>(page: Page): Promise<T> {
  const r = await ask(page, { type: 'getResult' });
  expect(r.type, JSON.stringify(r).slice(0, 300)).toBe('result');
  return r.result as T;
}

// --- the header's More menu (src/app/ToolsMenu.tsx) --------------------------------------------

const focusedTestId = (page: Page): Promise<string | null | undefined> =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

/**
 * Clicks a tool that lives in the header's More menu (`app.editor`, `app.embed`,
 * `classroom.tours-button`, `export.button`, `classroom.help`; in classroom mode also
 * `classroom.contrast`, `classroom.laser-toggle`, `classroom.fullscreen`), opening it first.
 */
export async function openTool(page: Page, testId: string): Promise<void> {
  const more = page.getByTestId('app.more');
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await page.getByTestId('app.more.menu').getByTestId(testId).click();
}

/**
 * The same with the keyboard alone: Tab (Shift+Tab with `back`) to the More button, Enter,
 * ↓ to the tool, Enter.
 */
export async function chooseToolByKeyboard(
  page: Page,
  testId: string,
  { back = false, max = 60 } = {},
): Promise<void> {
  for (let i = 0; (await focusedTestId(page)) !== 'app.more'; i++) {
    if (i === max) throw new Error('Tab never reached the More button');
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('app.more.menu')).toBeVisible();
  for (let i = 0; (await focusedTestId(page)) !== testId; i++) {
    if (i === 20) throw new Error(`↓ never reached ${testId} in the More menu`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}
