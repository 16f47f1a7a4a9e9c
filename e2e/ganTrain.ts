/**
 * Helpers for the GAN playground's e2e specs (gan-train, gan-restore): a link with settings
 * changed, the numbers the view shows, and waiting for the trainer to be ready.
 */
import type { Page } from '@playwright/test';
import lz from 'lz-string';
import { trainDefaults, type TrainConfig } from '../src/lessons/gan/train/config';
import { expect } from './fixtures';

/** The 2-D playground with some settings changed, as a link. */
export const link = (patch: Partial<TrainConfig> = {}) =>
  `#/gan?c=${lz.compressToEncodedURIComponent(JSON.stringify({ ...trainDefaults, ...patch }))}`;

/** A number the view shows (exact, from data-value). */
export const shown = async (page: Page, id: string) =>
  Number(await page.getByTestId(`gan.train.${id}`).getAttribute('data-value'));

/** Waits until the trainer is built and its first picture drawn. */
export async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('gan.train')).toHaveAttribute('data-phase', 'ready', {
    timeout: 60_000,
  });
  // The first picture runs the view graph: on SwiftShader its shaders compile first (slow).
  await expect.poll(() => shown(page, 'distance'), { timeout: 120_000 }).toBeGreaterThan(0);
}
