/**
 * Page objects and fixtures for the e2e suite. Every project runs the same specs with its
 * own `ep` (backend policy) so each journey is proven on WASM and on WebGPU.
 */
import { readFileSync } from 'node:fs';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

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
