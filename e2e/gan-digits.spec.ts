import { readFileSync } from 'node:fs';
import type { FrameLocator, Page } from '@playwright/test';
import lz from 'lz-string';
import { dCalibration } from '../src/lessons/gan/digits/ganModels';
import { ask, expect, getResult, maxAbsDiff, openEmbedHost, test } from './fixtures';
import { CLASSROOM, expectInViewport, expectStageOnFirstScreen } from './stage';

/**
 * The GAN lesson's digits view, driven as a user and as an embedding page would: the example
 * host page (public/examples/embed-host.html) embeds it, the test clicks and slides inside the
 * frame and reads the numbers back with the embed API's getResult.
 */

interface GoldenGenerated {
  label: number;
  z: number[];
  image: { data: number[] };
  score: number[];
}
const golden = JSON.parse(
  readFileSync(new URL('../models/fixtures/mnist_gan.golden.json', import.meta.url), 'utf8'),
) as { tolerance: number; generated: GoldenGenerated[] };

interface DigitsResult {
  seed: number;
  label: number;
  grid: { z: number[][]; scores: number[] };
  selected: {
    z: number[];
    label: number;
    image: number[][];
    score: number;
    classes: number[];
    cnn: number[];
  };
  interpolation: {
    from: { z: number[]; label: number };
    to: { z: number[]; label: number };
    t: number[];
    z: number[][];
    images: number[][][];
    scores: number[];
  };
}

/** Opens the host page embedding the digits view on this project's backend. */
async function openDigits(page: Page, ep: string): Promise<FrameLocator> {
  const c = lz.compressToEncodedURIComponent(JSON.stringify({ mode: 'digits' }));
  const frame = await openEmbedHost(page, ep, `#/gan?c=${c}`);
  await expect(frame.getByTestId('gan.digits')).toHaveAttribute('aria-busy', 'false');
  return frame;
}

const result = (page: Page) => getResult<DigitsResult>(page);

/** What the discriminator's card records about its score (read by the view at run time). */
const dCard = JSON.parse(
  readFileSync(new URL('../models/mnist_gan_d.json', import.meta.url), 'utf8'),
) as { metrics: Record<string, unknown> };

test.describe('GAN digits on the stage (classroom screen)', () => {
  test('the selected sample is one of the grid’s, highlighted and labelled; D’s verdict uses its card; the reading is the CNN’s', async ({
    app,
    page,
  }) => {
    await page.setViewportSize(CLASSROOM);
    const c = lz.compressToEncodedURIComponent(JSON.stringify({ mode: 'digits' }));
    await app.open(`#/gan?c=${c}`);
    await expect(page.getByTestId('gan.digits')).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByTestId('gan.digits.selected')).toBeVisible();
    await expectStageOnFirstScreen(page, 'gan', { stepper: 'gan.digits.step.next' });
    const grid = page.getByTestId('gan.digits.figure');

    // The default z is the grid's first sample: highlighted there, and named so above the image.
    await expect(page.getByTestId('gan.digits.sample-0')).toHaveAttribute('aria-pressed', 'true');
    await expect(grid.locator('[aria-pressed="true"]')).toHaveCount(1);
    await expect(page.getByTestId('gan.digits.selected-title')).toHaveText(
      'Sample 1 of 12: G’s digit 7',
    );
    await expect(page.getByTestId('gan.digits.selected')).toHaveAttribute('data-sample', '0');
    // The large image is larger than a grid cell, and all of it is on the first screen.
    const big = (await page.getByTestId('gan.digits.selected.image').boundingBox())!;
    const cell = (await page.getByTestId('gan.digits.sample-1').boundingBox())!;
    expect(big.width).toBeGreaterThan(2 * cell.width);
    expect(big.width).toBeGreaterThan(200);
    await expectInViewport(page.getByTestId('gan.digits.selected.image'), 'selected image');

    // Picking another sample moves the highlight and the title, and keeps the figure in view.
    await page.getByTestId('gan.digits.sample-4').click();
    await expect(page.getByTestId('gan.digits.sample-4')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('gan.digits.sample-0')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('gan.digits.selected-title')).toHaveText(
      'Sample 5 of 12: G’s digit 7',
    );
    await expect(page.getByTestId('gan.digits.selected')).toHaveAttribute('data-sample', '4');
    const score4 = Number(await page.getByTestId('gan.digits.sample-4').getAttribute('data-score'));
    await expect
      .poll(async () =>
        Number(await page.getByTestId('gan.digits.selected').getAttribute('data-score')),
      )
      .toBeCloseTo(score4, 5);
    await expectInViewport(page.getByTestId('gan.stage.figure'), 'figure');

    // D's verdict is worded from the card's figures (mean score on real and on G's digits).
    const cal = dCalibration(dCard.metrics);
    expect(cal).not.toBeNull();
    const verdict = page.getByTestId('gan.digits.verdict');
    await expect(verdict).toContainText(`D: ${score4.toFixed(2)}`);
    await expect(verdict).toContainText(cal!.meanReal.toFixed(2));
    await expect(verdict).toContainText(cal!.meanGenerated.toFixed(2));
    const looksReal =
      score4 >= (cal!.meanReal + cal!.meanGenerated) / 2 ? 'looks real' : 'looks generated';
    await expect(verdict).toContainText(looksReal);
    if (cal!.auc !== null) await expect(verdict).toContainText(`${Math.round(cal!.auc * 100)}%`);
    // The formula says the same score, typeset.
    await expect(page.getByTestId('gan.digits.formula').locator('math')).toHaveCount(1);
    await expect(page.getByTestId('gan.digits.formula')).toContainText(score4.toFixed(2));

    // The reading is the CNN's (the Convolution lesson's network), not D's.
    const reading = page.getByTestId('gan.digits.cnn');
    await expect(reading).toContainText('The CNN (Convolution lesson) reads it as');
    await expect(reading).not.toContainText('D’s');
    const digit = Number(await reading.getAttribute('data-digit'));
    expect(digit).toBeGreaterThanOrEqual(0);
    await expect(page.getByTestId('gan.digits.flow.node.reading')).toContainText(`${digit} ·`);

    // A latent slider (side column) changes the image; the figure stays in view.
    await page.getByTestId('gan.digits.z-0').focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId('gan.digits.selected-title')).toHaveText(
      'Your own z (moved away from the samples): G’s digit 7',
    );
    await expect(grid.locator('[aria-pressed="true"]')).toHaveCount(0);
    await expectInViewport(page.getByTestId('gan.stage.figure'), 'figure');

    // New samples: the selection is the new grid's first sample again.
    await page.getByTestId('gan.digits.reroll').click();
    await expect(page.getByTestId('gan.digits.seed')).toHaveAttribute('data-seed', '2');
    await expect(page.getByTestId('gan.digits.sample-0')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('gan.digits.selected-title')).toHaveText(
      'Sample 1 of 12: G’s digit 7',
    );

    // The walk steps in the bar; the current image of the strip is marked, in view.
    await page.getByTestId('gan.digits.step.next').click();
    await expect(page.getByTestId('gan.digits.strip-1')).toHaveAttribute('aria-current', 'step');
    await expectInViewport(page.getByTestId('gan.digits.strip-1'), 'walk image');
  });
});

test.describe('GAN digits: a generator and its discriminator in the page', () => {
  test('the grid renders with D’s scores, and a golden z gives PyTorch’s image and score', async ({
    page,
    ep,
  }) => {
    const frame = await openDigits(page, ep);
    expect(await ask(page, { type: 'getState' })).toMatchObject({
      lesson: 'gan',
      backend: ep,
      config: { mode: 'digits', seed: 1, label: 7 },
      stepCount: 8,
    });
    const samples = frame.locator('[data-testid^="gan.digits.sample-"]');
    await expect(samples).toHaveCount(12);
    const scores = (await samples.evaluateAll((els) => els.map((e) => e.dataset.score))).map(
      Number,
    );
    expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
    // The view shows the same scores the API reports for the grid.
    const first = await result(page);
    expect(maxAbsDiff(scores, first.grid.scores)).toBeLessThan(1e-6);

    for (const c of [golden.generated[0]!, golden.generated[7]!, golden.generated.at(-1)!]) {
      const set = await ask(page, {
        type: 'setConfig',
        lesson: 'gan',
        config: { z: c.z, label: c.label },
      });
      expect(set).toMatchObject({ type: 'state', config: { z: c.z, label: c.label } });
      const r = await result(page);
      // Golden values from PyTorch; 1e-4 absolute is the fixture's stated tolerance.
      expect(maxAbsDiff(r.selected.image.flat(), c.image.data)).toBeLessThan(golden.tolerance);
      expect(Math.abs(r.selected.score - c.score[0]!)).toBeLessThan(golden.tolerance);
      // …and the view draws that score.
      await expect
        .poll(async () =>
          Number(await frame.getByTestId('gan.digits.selected').getAttribute('data-score')),
        )
        .toBeCloseTo(c.score[0]!, 4);
    }
    // The reading is the CNN's: its 10 probabilities in the API, its argmax in the view.
    const last = await result(page);
    expect(last.selected.cnn).toHaveLength(10);
    expect(Math.abs(last.selected.cnn.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);
    const best = last.selected.cnn.indexOf(Math.max(...last.selected.cnn));
    await expect(frame.getByTestId('gan.digits.cnn')).toHaveAttribute('data-digit', String(best));
    await frame.getByTestId('gan.digits.models').locator('summary').click();
    await expect(frame.getByTestId('gan.digits.model-card')).toBeVisible();
  });

  test('moving a latent slider changes the image and D’s verdict', async ({ page, ep }) => {
    const frame = await openDigits(page, ep);
    const before = await result(page);
    const selected = frame.getByTestId('gan.digits.selected');
    const scoreBefore = await selected.getAttribute('data-score');
    const slider = frame.getByTestId('gan.digits.z-0');
    await expect(slider).toHaveAccessibleName('Latent value z1');
    await slider.focus();
    await page.keyboard.press('End'); // z1 = 3, the slider's maximum
    const state = await ask(page, { type: 'getState' });
    expect((state.config as { z: number[] }).z).toEqual([3, ...before.selected.z.slice(1)]);
    const after = await result(page);
    expect(maxAbsDiff(after.selected.image.flat(), before.selected.image.flat())).toBeGreaterThan(
      0.1,
    );
    expect(after.selected.score).not.toBe(before.selected.score);
    await expect(selected).not.toHaveAttribute('data-score', scoreBefore!);
    await expect(frame.getByTestId('gan.digits')).toHaveAttribute('aria-busy', 'false');
    // The view settles on the API's numbers for the new z.
    expect(Number(await selected.getAttribute('data-score'))).toBeCloseTo(after.selected.score, 6);
    // Re-roll draws a new grid.
    await frame.getByTestId('gan.digits.reroll').click();
    await expect(frame.getByTestId('gan.digits.seed')).toHaveAttribute('data-seed', '2');
    expect((await result(page)).grid.z).not.toEqual(before.grid.z);
  });

  test('the interpolation strip starts and ends at the two chosen samples', async ({
    page,
    ep,
  }) => {
    const frame = await openDigits(page, ep);
    await frame.getByTestId('gan.digits.sample-2').click();
    await expect(frame.getByTestId('gan.digits.sample-2')).toHaveAttribute('aria-pressed', 'true');
    const a = await result(page);
    await frame.getByTestId('gan.digits.use-from').click();
    await frame.getByTestId('gan.digits.digit-8').click();
    await frame.getByTestId('gan.digits.sample-5').click();
    const b = await result(page);
    expect(b.selected.label).toBe(8);
    await frame.getByTestId('gan.digits.use-to').click();

    const r = await result(page);
    const n = r.interpolation.images.length;
    expect(n).toBe(8);
    expect(r.interpolation.from).toEqual({ z: a.grid.z[2], label: 7 });
    expect(r.interpolation.to).toEqual({ z: b.grid.z[5], label: 8 });
    expect(r.interpolation.z[0]).toEqual(a.grid.z[2]);
    expect(r.interpolation.z[n - 1]).toEqual(b.grid.z[5]);
    // The ends are the two samples' own images and scores (same model, same backend).
    expect(maxAbsDiff(r.interpolation.images[0]!.flat(), a.selected.image.flat())).toBeLessThan(
      golden.tolerance,
    );
    expect(maxAbsDiff(r.interpolation.images[n - 1]!.flat(), b.selected.image.flat())).toBeLessThan(
      golden.tolerance,
    );
    expect(Math.abs(r.interpolation.scores[0]! - a.grid.scores[2]!)).toBeLessThan(1e-4);
    expect(Math.abs(r.interpolation.scores[n - 1]! - b.grid.scores[5]!)).toBeLessThan(1e-4);
    expect(r.interpolation.t).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((k) => k / 7));

    // The strip steps with the keyboard and the step controls.
    const strip = frame.locator('[data-testid^="gan.digits.strip-"]');
    await expect(strip).toHaveCount(8);
    await expect(frame.getByTestId('gan.digits.strip-0')).toHaveAttribute('aria-current', 'step');
    await frame.getByTestId('gan.digits.step.next').click();
    await frame.getByTestId('gan.digits.step.next').click();
    await expect(frame.getByTestId('gan.digits.strip-2')).toHaveAttribute('aria-current', 'step');
    expect(await ask(page, { type: 'getState' })).toMatchObject({ step: 2, stepCount: 8 });
    await frame.getByTestId('gan.digits.strip-6').click();
    expect(await ask(page, { type: 'getState' })).toMatchObject({ step: 6 });
  });

  test('a bad config gets an error naming the field, and changes nothing', async ({ page, ep }) => {
    await openDigits(page, ep);
    const bad = await ask(page, {
      type: 'setConfig',
      lesson: 'gan',
      config: { z: [0, 0, 0, 9, 0, 0, 0, 0] },
    });
    expect(bad).toMatchObject({ type: 'error', field: 'config.z.3' });
    expect(bad.message).toContain('config.z.3');
    expect(
      await ask(page, { type: 'setConfig', lesson: 'gan', config: { steps: 40 } }),
    ).toMatchObject({ type: 'error', field: 'config.steps' });
    expect(
      await ask(page, {
        type: 'setConfig',
        lesson: 'gan',
        config: { from: { z: [0, 0, 0, 0, 0, 0, 0, 0], label: 12 } },
      }),
    ).toMatchObject({ type: 'error', field: 'config.from.label' });
    expect(await ask(page, { type: 'getState' })).toMatchObject({
      config: { mode: 'digits', seed: 1, label: 7, steps: 8 },
    });
  });
});
