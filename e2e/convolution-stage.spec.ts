import { expect, test } from './fixtures';
import {
  CLASSROOM,
  expectInViewport,
  expectNoOverflow,
  expectNoOverlaps,
  expectStageOnFirstScreen,
} from './stage';

/** The Convolution model view on the stage, as a class sees it on a 1280 × 800 projector. */
test.use({ viewport: CLASSROOM });

test.describe('Convolution on the stage at 1280 × 800', () => {
  test('overview, figure, formula and stepper on the first screen; stepping and units stay in view', async ({
    app,
    page,
  }) => {
    await app.open();
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
    await expectStageOnFirstScreen(page, 'conv', { stepper: 'conv.step.next' });
    const overview = page.getByTestId('conv.stage.overview');
    // The network's column titles and scale ticks never collide; no value spills out of its cell.
    await expectNoOverlaps(overview, '.column-title, .legend-ticks span');
    await expectNoOverflow(overview, '.dense-column button');
    // The formula is typeset (MathML), not raw TeX.
    await expect(page.getByTestId('conv.stage.formula').locator('math')).toHaveCount(1);

    // Stepping by button and by key: the current layer is lit in the overview and in view.
    await page.getByTestId('conv.step.next').click();
    await expect(page.getByTestId('conv.layer.title')).toHaveText('Convolution 1');
    await expect(page.getByTestId('conv.column.conv1')).toHaveAttribute('aria-current', 'step');
    await expectInViewport(page.getByTestId('conv.stage.figure'), 'figure');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('conv.layer.title')).toHaveText('ReLU 1');
    await expectInViewport(page.getByTestId('conv.stage.figure'), 'figure');
    await expect(page.locator('[data-testid^="conv.layer.relu1-"]')).toHaveCount(8);

    // Hovering a conv2 unit draws edges to the 8 pool1 windows it reads, and (dashed) on to its
    // receptive field in the input.
    const map = page.getByTestId('conv.column.conv2-4');
    const box = (await map.boundingBox())!;
    const at = { x: ((7 + 0.5) / 14) * box.width, y: ((6 + 0.5) / 14) * box.height };
    await map.hover({ position: at });
    const edges = page.getByTestId('conv.overview.edges');
    await expect(edges.locator('line:not(.field)')).toHaveCount(8);
    await expect(edges.locator('rect.field')).toHaveCount(1);

    // Clicking it opens its computation in place: in view, with the model's own numbers typeset.
    await map.click({ position: at });
    await expect(page.getByTestId('conv.unit.title')).toContainText('Convolution 2');
    await expectInViewport(page.getByTestId('conv.stage.figure'), 'figure');
    await expectInViewport(page.getByTestId('conv.unit.map'), 'opened map');
    const model = Number(await page.getByTestId('conv.unit.model').getAttribute('data-value'));
    const tex = (await page.getByTestId('conv.formula').getAttribute('data-tex'))!;
    expect(tex).toContain('\\operatorname{ReLU}');
    const shown = Number(tex.split('=').pop()!.trim());
    expect(Math.abs(shown - Math.max(0, model))).toBeLessThanOrEqual(
      5e-4 * Math.max(1, Math.abs(model)),
    );
    // The running sum of the first product is shown while stepping.
    await expect(page.getByTestId('conv.formula.step')).toHaveAttribute('data-tex', /^s_\{1\}/);
  });
});

test('the window slides over the model’s own map: the opened unit moves and its numbers follow', async ({
  app,
  page,
}) => {
  await app.open('#/convolution');
  await expect(app.predictedLabel).toHaveAttribute('data-digit', '0');
  // Open the unit from the large maps of the Convolution 1 step (the overview's maps are too
  // small to aim at one pixel).
  await page.getByTestId('conv.step.next').click();
  const map = page.getByTestId('conv.layer.conv1-2');
  const box = (await map.boundingBox())!;
  await map.click({
    position: { x: ((10 + 0.5) / 28) * box.width, y: ((12 + 0.5) / 28) * box.height },
  });
  await expect(page.getByTestId('conv.unit.title')).toContainText('row 12, column 10');
  await page.getByTestId('conv.unit.move-right').click();
  await expect(page.getByTestId('conv.unit.title')).toContainText('row 12, column 11');
  await expect(page.getByTestId('conv.unit.agreement')).toHaveAttribute('data-ok', 'true');
  await page.getByTestId('conv.unit.move-down').click();
  await expect(page.getByTestId('conv.unit.title')).toContainText('row 13, column 11');
  // Sliding moves the window on by itself (along the row, then to the next), and the
  // recomputed number still agrees with the model wherever it stops.
  await page.getByTestId('conv.unit.slide').click();
  await expect(page.getByTestId('conv.unit.title')).not.toContainText('row 13, column 11');
  await page.getByTestId('conv.unit.slide').click();
  const [, row, col] = /row (\d+), column (\d+)/
    .exec((await page.getByTestId('conv.unit.title').textContent())!)!
    .map(Number);
  expect(row! * 28 + col!).toBeGreaterThan(13 * 28 + 11);
  await expect(page.getByTestId('conv.unit.agreement')).toHaveAttribute('data-ok', 'true');
  await expectInViewport(page.getByTestId('conv.unit.map'), 'opened map');
});
