import type { Page } from '@playwright/test';
import lz from 'lz-string';
import { ganLossTerms, ganLosses, type GanLoss } from '../src/core/ganLoss';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import { CLASSROOM, expectInViewport, expectNoOverlaps, expectStageOnFirstScreen } from './stage';

/** The losses view of a config, as a link. */
const link = (config: { dReal: number[]; dFake: number[]; loss: GanLoss }) =>
  `#/gan?c=${lz.compressToEncodedURIComponent(JSON.stringify({ mode: 'losses', ...config }))}`;

/** The number a test id shows (exact, from data-value). */
const shown = async (page: Page, id: string) =>
  Number(await page.getByTestId(id).getAttribute('data-value'));

/** Tolerance: both sides compute in float64 with the same formulas; only ordering may differ. */
const TOL = 1e-12;

test.describe('GAN losses view', () => {
  test('the widely copied example: L_D ≈ 0.2107 and L_G ≈ 2.3026 on screen', async ({
    app,
    page,
  }) => {
    await app.open('#/gan');
    await page.getByTestId('gan.mode.losses').click();
    await expect(page.getByTestId('gan.losses.lossD')).toHaveText('0.2107');
    await expect(page.getByTestId('gan.losses.lossG')).toHaveText('2.3026');
    await expect(page.getByTestId('gan.losses.formula.lossD')).toHaveText('0.2107');
    await expect(page.getByTestId('gan.losses.real-terms.mean')).toHaveText('0.1054');
    await expect(page.getByTestId('gan.losses.never-negative')).toContainText('never be negative');
    await expect(page.getByTestId('gan.losses.compare.non-saturating')).toHaveAttribute(
      'data-selected',
      'true',
    );
    // The walk: → steps through it, and the current step is marked.
    await expect(page.getByTestId('gan.losses.step.dReal')).toHaveAttribute('aria-current', 'step');
    await page.getByTestId('gan.losses.steps.next').click();
    await page.getByTestId('gan.losses.steps.next').click();
    await expect(page.getByTestId('gan.losses.step.lossD')).toHaveAttribute('aria-current', 'step');
    await expect(page.getByTestId('gan.losses.steps.count')).toHaveText('Step 3 of 5');
    // At L_D the copied example's wrong number is shown beside the right one.
    const copied = page.getByTestId('gan.losses.copied');
    await expect(copied).toContainText('−1.3956');
    await expect(copied).toContainText('0.2107');
    await expect(page.getByTestId('gan.losses.preset')).toHaveValue('copied');
    await expect(page.getByTestId('gan.losses.preset').locator('option:checked')).toHaveText(
      /widely copied example/,
    );
  });

  test('on the classroom screen: the stage, the typeset formula with core’s numbers at every step', async ({
    app,
    page,
  }) => {
    await page.setViewportSize(CLASSROOM);
    const dReal = [0.8, 0.6];
    const dFake = [0.3];
    await app.open(link({ dReal, dFake, loss: 'non-saturating' }));
    await expectStageOnFirstScreen(page, 'gan', { stepper: 'gan.losses.steps.next' });
    await expect(page.getByTestId('gan.losses.flow.node.realTerm')).toHaveAttribute(
      'data-current',
      'true',
    );
    const ref = ganLossTerms(dReal, dFake, 'non-saturating');
    const f4 = (v: number) => v.toFixed(4);
    // The figure (curves) is large: most of the stage's width.
    const figure = (await page.getByTestId('gan.losses.figure').boundingBox())!;
    expect(figure.width).toBeGreaterThan(CLASSROOM.width * 0.5);
    expect(figure.height).toBeGreaterThan(250);
    const formula = page.getByTestId('gan.losses.step-formula');
    const expected: [string, string[]][] = [
      ['realTerm', [f4(ref.realTerms[0]!), f4(ref.realTerms[1]!), f4(ref.lossDReal)]],
      ['fakeTerm', [f4(ref.fakeTerms[0]!), f4(ref.lossDFake)]],
      ['lossD', [f4(ref.lossDReal), f4(ref.lossDFake), f4(ref.lossD)]],
      ['lossG', [f4(ref.genTerms[0]!), f4(ref.lossG)]],
      ['grad', [f4(ref.dGenDlogit[0]!)]],
    ];
    for (const [i, [node, numbers]] of expected.entries()) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId(`gan.losses.flow.node.${node}`)).toHaveAttribute(
        'data-current',
        'true',
      );
      // Typeset (MathML), with every live number of the step.
      await expect(formula.locator('math')).toHaveCount(1);
      for (const n of numbers) await expect(formula).toContainText(n);
      await expectInViewport(page.getByTestId('gan.stage.formula'), 'formula');
      await expectInViewport(page.getByTestId('gan.stage.figure'), 'figure');
    }
    // G's steps: the loss and its gradient side by side, the batch's D(G(z)) marked on both.
    await expect(
      page.getByTestId('gan.losses.curve-grad').locator('.gan-loss-chart-mark'),
    ).toHaveCount(1);
    await expectNoOverlaps(page.getByTestId('gan.stage.figure'), '.tick');
    // Changing a D output in the side column redraws the step with the new numbers, in view.
    await page.getByTestId('gan.losses.dFake.slider-0').focus();
    await page.keyboard.press('ArrowRight');
    const moved = ganLossTerms(dReal, [0.31], 'non-saturating');
    await expect(formula).toContainText(f4(moved.dGenDlogit[0]!));
    await expectInViewport(page.getByTestId('gan.stage.figure'), 'figure');
    // The overview's boxes are steps you can go to.
    await page.getByTestId('gan.losses.flow.node.lossD').click();
    await expect(page.getByTestId('gan.losses.steps.count')).toHaveText('Step 3 of 5');
    await expect(formula).toContainText(f4(moved.lossD));
  });

  test('editing values and switching the loss: the numbers equal core’s', async ({ app, page }) => {
    await app.open('#/gan');
    await page.getByTestId('gan.mode.losses').click();
    await page.getByTestId('gan.losses.dReal.text').fill('0.8, 0.6, 0.95');
    await page.getByTestId('gan.losses.dFake.text').fill('0.3, 0.05');
    await page.getByTestId('gan.losses.dFake.text').blur();
    const dReal = [0.8, 0.6, 0.95];
    const dFake = [0.3, 0.05];
    await expect(page.getByTestId('gan.losses.dReal.count')).toHaveText('n = 3');
    for (const loss of ['minimax', 'lsgan', 'non-saturating'] as const) {
      await page.getByTestId(`gan.losses.loss.${loss}`).click();
      await expect(page.getByTestId(`gan.losses.loss.${loss}`)).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      const ref = ganLosses(dReal, dFake, loss);
      await expect(page.getByTestId('gan.losses.lossD')).toHaveText(ref.lossD.toFixed(4));
      await expect(page.getByTestId('gan.losses.lossG')).toHaveText(ref.lossG.toFixed(4));
      expect(Math.abs((await shown(page, 'gan.losses.lossD')) - ref.lossD)).toBeLessThan(TOL);
      expect(Math.abs((await shown(page, 'gan.losses.lossG')) - ref.lossG)).toBeLessThan(TOL);
      await expect(page.getByTestId(`gan.losses.compare.${loss}`)).toHaveAttribute(
        'data-selected',
        'true',
      );
    }
    // All three side by side, each equal to core.
    for (const loss of ['minimax', 'non-saturating', 'lsgan'] as const) {
      const ref = ganLosses(dReal, dFake, loss);
      expect(
        Math.abs((await shown(page, `gan.losses.compare.${loss}.lossG`)) - ref.lossG),
      ).toBeLessThan(TOL);
    }
    // A slider by keyboard: → raises D(G(z))₁ from 0.3 to 0.31.
    await page.getByTestId('gan.losses.dFake.slider-0').focus();
    await page.keyboard.press('ArrowRight');
    const ref = ganLosses(dReal, [0.31, 0.05], 'non-saturating');
    await expect(page.getByTestId('gan.losses.lossG')).toHaveText(ref.lossG.toFixed(4));
    // A value outside [0, 1] is refused, naming the field; the last good values stay.
    await page.getByTestId('gan.losses.dReal.text').fill('0.5, 1.5');
    await expect(page.getByTestId('gan.losses.problem')).toContainText('config.dReal.1');
    await expect(page.getByTestId('gan.losses.lossG')).toHaveText(ref.lossG.toFixed(4));
  });

  test('0 and 1 give infinite losses, said plainly (no NaN)', async ({ app, page }) => {
    await app.open(link({ dReal: [0.9], dFake: [1], loss: 'minimax' }));
    await expect(page.getByTestId('gan.losses.lossD')).toHaveText('∞');
    await expect(page.getByTestId('gan.losses.lossG')).toHaveText('−∞');
    const infinite = page.getByTestId('gan.losses.infinite');
    await expect(infinite.locator('[data-field="dFake.0"]')).toHaveCount(2);
    await expect(infinite).toContainText('D(G(z)) #1 = 1');
    await expect(page.getByTestId('gan.losses')).not.toContainText('NaN');
  });

  test('a link round-trip keeps the losses config and step', async ({ app, page, context }) => {
    const config = { dReal: [0.7, 0.85], dFake: [0.2, 0.4, 0.15], loss: 'minimax' as const };
    await app.open(link(config));
    const ref = ganLosses(config.dReal, config.dFake, config.loss);
    await expect(page.getByTestId('gan.losses.lossG')).toHaveText(ref.lossG.toFixed(4));
    await page.getByTestId('gan.losses.loss.lsgan').click();
    await page.getByTestId('gan.losses.steps.next').click();
    await expect(page).toHaveURL(/step=1/);
    const url = page.url();
    const again = await context.newPage();
    await again.goto(url);
    const ls = ganLosses(config.dReal, config.dFake, 'lsgan');
    await expect(again.getByTestId('gan.losses.lossD')).toHaveText(ls.lossD.toFixed(4));
    await expect(again.getByTestId('gan.losses.lossG')).toHaveText(ls.lossG.toFixed(4));
    await expect(again.getByTestId('gan.losses.loss.lsgan')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(again.getByTestId('gan.losses.step.dFake')).toHaveAttribute(
      'aria-current',
      'step',
    );
    await expect(again.getByTestId('gan.losses.dFake.text')).toHaveValue('0.2, 0.4, 0.15');
  });

  test('fits a 390-px phone without sideways scrolling', async ({ app, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await app.open(link({ dReal: [0.9, 0.8, 0.7, 0.6], dFake: [0.1, 0.2], loss: 'lsgan' }));
    await expect(page.getByTestId('gan.losses.lossD')).toBeVisible();
    // Stepping brings the step's formula into view.
    await page.getByTestId('gan.losses.steps.next').click();
    await expectInViewport(page.getByTestId('gan.stage.formula'), 'formula');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('GAN losses through the embed API', () => {
  test('getResult gives {lossD, lossG}; a bad value names the field and changes nothing', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep, '#/gan');
    const set = await ask(page, { type: 'setConfig', lesson: 'gan', config: { mode: 'losses' } });
    expect(set).toMatchObject({
      type: 'state',
      lesson: 'gan',
      stepCount: 5,
      config: { mode: 'losses', dReal: [0.9], dFake: [0.1], loss: 'non-saturating' },
    });
    const article = await getResult<{ lossD: number; lossG: number }>(page);
    expect(Object.keys(article).sort()).toEqual(['lossD', 'lossG']);
    expect(article.lossD).toBeCloseTo(0.2107, 4);
    expect(article.lossG).toBeCloseTo(2.3026, 4);

    const batch = { dReal: [0.9, 0.7, 0.8], dFake: [0.2, 0.35], loss: 'lsgan' };
    await ask(page, { type: 'setConfig', lesson: 'gan', config: batch });
    const r = await getResult<{ lossD: number; lossG: number }>(page);
    const ref = ganLosses(batch.dReal, batch.dFake, 'lsgan');
    expect(Math.abs(r.lossD - ref.lossD)).toBeLessThan(TOL);
    expect(Math.abs(r.lossG - ref.lossG)).toBeLessThan(TOL);
    const frame = page.frameLocator('#glassbox');
    await expect(frame.getByTestId('gan.losses.lossD')).toHaveText(ref.lossD.toFixed(4));

    for (const [config, field] of [
      [{ dReal: [0.5, 1.2] }, 'config.dReal.1'],
      [{ dFake: [] }, 'config.dFake'],
      [{ dFake: [0.1, 'x'] }, 'config.dFake.1'],
      [{ loss: 'wgan' }, 'config.loss'],
    ] as const) {
      const e = await ask(page, { type: 'setConfig', lesson: 'gan', config });
      expect(e).toMatchObject({ type: 'error', field });
      expect(e.message).toContain(field);
    }
    expect(await ask(page, { type: 'getState' })).toMatchObject({
      lesson: 'gan',
      config: { mode: 'losses', ...batch },
    });
    expect(await ask(page, { type: 'goto', step: 4 })).toMatchObject({ type: 'state', step: 4 });
    await expect(frame.getByTestId('gan.losses.step.gradient')).toHaveAttribute(
      'aria-current',
      'step',
    );
  });
});

test.describe('GAN data picker', () => {
  test('shows a distribution, takes CSV points and reports a bad line', async ({ app, page }) => {
    await app.open('#/gan');
    const real = page.getByTestId('gan.data.plot.legend.real');
    await expect(real).toHaveAttribute('data-count', '256');
    await expect(page.getByTestId('gan.data.kind.ring')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('gan.data.kind.spiral').click();
    await expect(page.getByTestId('gan.data.kind.spiral')).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/#\/gan\?c=/);

    await page.getByTestId('gan.data.csv').fill('x,y\n0.1,0.2\n0.3,abc\n0.5,-0.5');
    await page.getByTestId('gan.data.csv-apply').click();
    await expect(page.getByTestId('gan.data.csv-problems')).toContainText(
      'line 3: y "abc" is not a number',
    );
    // Nothing was applied.
    await expect(page.getByTestId('gan.data.kind.spiral')).toHaveAttribute('aria-pressed', 'true');

    await page.getByTestId('gan.data.csv').fill('x,y\n0.1,0.2\n0.3,0.4\n0.5,-0.5\n-0.6,0');
    await page.getByTestId('gan.data.csv-apply').click();
    await expect(page.getByTestId('gan.data.csv-problems')).toHaveCount(0);
    await expect(page.getByTestId('gan.data.kind.custom')).toHaveAttribute('aria-pressed', 'true');
    await expect(real).toHaveAttribute('data-count', '4');

    // Drawing a stroke on the plane adds points (the picker sits in the stage's side column,
    // which scrolls on its own: bring the plane into view first).
    await page.getByTestId('gan.data.plot.canvas').scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('gan.data.plot.canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(box.x + box.width * (0.3 + i * 0.03), box.y + box.height * 0.3);
    }
    await page.mouse.up();
    await expect.poll(async () => Number(await real.getAttribute('data-count'))).toBeGreaterThan(8);
  });
});
