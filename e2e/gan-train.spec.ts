import type { Page } from '@playwright/test';
import { ganLosses } from '../src/core/ganLoss';
import { WALK_LIT } from '../src/lessons/gan/train/ganFlow';
import { D_SUBSTEPS, G_SUBSTEPS } from '../src/lessons/gan/train/lessonParts';
import { formatValue } from '../src/viz/format';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import { link, ready, shown } from './ganTrain';
import { CLASSROOM, expectInViewport, expectStageOnFirstScreen } from './stage';

const atLeast = async (page: Page, steps: number, timeout = 60_000) =>
  expect.poll(() => shown(page, 'steps'), { timeout }).toBeGreaterThanOrEqual(steps);

test.describe('GAN training', () => {
  test.skip(({ ep }) => ep === 'webgpu', 'WASM runs the full journeys; WebGPU has a smoke test');

  test('training brings G’s samples closer to two Gaussians (sliced Wasserstein)', async ({
    app,
    page,
  }) => {
    await app.open(link({ data: { kind: 'two-gaussians' }, seed: 3, speed: 25 }));
    await ready(page);
    const before = await shown(page, 'distance');
    await page.getByTestId('gan.train.play').click();
    await atLeast(page, 600);
    await page.getByTestId('gan.train.play').click();
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-running', 'false');
    const after = await shown(page, 'distance');
    expect(after).toBeLessThan(before * 0.5);
    for (const k of ['lossD', 'lossG', 'meanDReal', 'meanDFake'])
      expect(Number.isFinite(await shown(page, k))).toBe(true);
    await expect(page.getByTestId('gan.train.chart.distance')).toBeVisible();
  });

  test('halving G’s learning rate mid-run takes effect without a restart', async ({
    app,
    page,
  }) => {
    await app.open(link());
    await ready(page);
    await expect(page.getByTestId('gan.train.lrG')).toHaveAttribute('data-value', '0.002');
    await page.getByTestId('gan.train.play').click();
    await atLeast(page, 30);
    await page.getByTestId('gan.train.g.lr-half').click();
    const at = await shown(page, 'steps');
    await expect(page.getByTestId('gan.train.lrG')).toHaveAttribute('data-value', '0.001');
    await expect(page.getByTestId('gan.train.g.lr')).toHaveValue('0.001');
    await expect(page).toHaveURL(/#\/gan\?c=/);
    // Still the same run: the step count keeps growing from where it was, nothing restarted.
    await atLeast(page, at + 30);
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-running', 'true');
    await expect(page.getByTestId('gan.train.reinitialised')).toHaveCount(0);
    await page.getByTestId('gan.train.play').click();
    // An architecture change does start over, and says so.
    await page.getByTestId('gan.train.g.width').fill('8');
    await expect(page.getByTestId('gan.train.reinitialised')).toBeVisible();
    await expect.poll(() => shown(page, 'steps')).toBe(0);
  });

  test('step D only and step G only change only their own counters', async ({ app, page }) => {
    await app.open(link({ dSteps: 2 }));
    await ready(page);
    await page.getByTestId('gan.train.step').click();
    await expect.poll(() => shown(page, 'stepsD')).toBe(2);
    expect(await shown(page, 'steps')).toBe(1);
    await page.getByTestId('gan.train.step-d').click();
    await expect.poll(() => shown(page, 'stepsD')).toBe(3);
    expect(await shown(page, 'steps')).toBe(1);
    await page.getByTestId('gan.train.step-g').click();
    await expect.poll(() => shown(page, 'steps')).toBe(2);
    expect(await shown(page, 'stepsD')).toBe(3);
  });

  test('one iteration step by step: L_D equals core’s loss on the D outputs shown', async ({
    app,
    page,
  }) => {
    await app.open(link({ batchSize: 32 }));
    await ready(page);
    await page.getByTestId('gan.train.step').click();
    await expect.poll(() => shown(page, 'steps')).toBe(1);
    await page.getByTestId('gan.train.walk-start').click();
    await expect(page.getByTestId('gan.train.walk.step.sampleReal')).toBeVisible();
    await expect(page.getByTestId('gan.train.walk.steps.count')).toHaveText('Step 1 of 8');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const lossD = page.getByTestId('gan.train.walk.lossD');
    await expect(lossD).toBeVisible();
    const dReal = JSON.parse((await lossD.getAttribute('data-d-real'))!) as number[];
    const dFake = JSON.parse((await lossD.getAttribute('data-d-fake'))!) as number[];
    expect(dReal).toHaveLength(32);
    expect(dFake).toHaveLength(32);
    const ref = ganLosses(dReal, dFake, 'non-saturating');
    const value = Number(await lossD.getAttribute('data-value'));
    // float32 in the graph (from logits) vs float64 from the rounded probabilities.
    expect(Math.abs(value - ref.lossD)).toBeLessThan(1e-4);
    // The walk took one D step and one G step.
    expect(await shown(page, 'stepsD')).toBe(2);
    expect(await shown(page, 'steps')).toBe(2);
    await page.getByTestId('gan.train.walk.steps.next').click();
    await expect(page.getByTestId('gan.train.walk.updateD.step')).toBeVisible();
    expect(
      Number(await page.getByTestId('gan.train.walk.updateD.step').getAttribute('data-value')),
    ).toBeGreaterThan(0);
    await page.getByTestId('gan.train.walk.steps.next').click();
    const lossG = page.getByTestId('gan.train.walk.lossG');
    const gFake = JSON.parse((await lossG.getAttribute('data-d-fake'))!) as number[];
    const refG = ganLosses([0.5], gFake, 'non-saturating').lossG;
    expect(Math.abs(Number(await lossG.getAttribute('data-value')) - refG)).toBeLessThan(1e-4);
  });

  test('divergence pauses with the value named, and restore brings back the last good state', async ({
    app,
    page,
  }) => {
    const sgd = { kind: 'sgd', lr: 1, momentum: 0.99 } as const;
    await app.open(link({ optimizerG: sgd, optimizerD: sgd, seed: 1, speed: 5 }));
    await ready(page);
    await page.getByTestId('gan.train.play').click();
    const alert = page.getByTestId('gan.train.diverged');
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText(/NaN or infinite/);
    await expect(alert).toContainText(/L_D|L_G|parameter/);
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-running', 'false');
    await expect(page.getByTestId('gan.train.step')).toBeDisabled();
    const divergedAt = Number(await alert.getAttribute('data-steps-g'));
    expect(divergedAt).toBeGreaterThan(0);
    // Restore: the parameters before the run that overflowed come back; settings stay.
    await page.getByTestId('gan.train.restore').click();
    await expect(alert).toHaveCount(0);
    await expect.poll(() => shown(page, 'steps')).toBe(divergedAt - 1);
    await expect(page.getByTestId('gan.train.g.lr')).toHaveValue('1');
    await expect(page.getByTestId('gan.train.step')).toBeEnabled();
    await expect(page.getByTestId('gan.train.play')).toBeEnabled();
    // Those parameters are on the edge; a reset with a calmer optimizer trains on finitely.
    await page.getByTestId('gan.train.d.optimizer').selectOption('adam');
    await page.getByTestId('gan.train.g.optimizer').selectOption('adam');
    await page.getByTestId('gan.train.reset').click();
    await expect.poll(() => shown(page, 'steps')).toBe(0);
    await page.getByTestId('gan.train.step').click();
    await expect.poll(() => shown(page, 'steps')).toBe(1);
    expect(Number.isFinite(await shown(page, 'lossD'))).toBe(true);
    expect(Number.isFinite(await shown(page, 'lossG'))).toBe(true);
    await expect(alert).toHaveCount(0);
  });

  test('fits a 390-px phone without sideways scrolling', async ({ app, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await app.open(link());
    await ready(page);
    await page
      .getByTestId('gan.train.step')
      .tap()
      .catch(() => page.getByTestId('gan.train.step').click());
    await expect.poll(() => shown(page, 'steps')).toBe(1);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // The parts stack; the walk brings its step (title, formula, plane) into view.
    await page
      .getByTestId('gan.train.walk-start')
      .tap()
      .catch(() => page.getByTestId('gan.train.walk-start').click());
    await expect(page.getByTestId('gan.train.walk.formula')).toBeVisible();
    await expectInViewport(page.getByTestId('gan.train.plane.canvas'), 'plane');
    await expectInViewport(page.getByTestId('gan.stage.formula'), 'formula');
  });
});

test.describe('GAN training on the stage (1280 × 800)', () => {
  test.skip(({ ep }) => ep === 'webgpu', 'WASM runs the full journeys; WebGPU has a smoke test');
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize(CLASSROOM);
  });

  test('the stage is on the first screen; the walk opens in it, lighting each part, with the optimizer’s own update', async ({
    app,
    page,
  }) => {
    await app.open(link({ batchSize: 32 }));
    await ready(page);
    await expectStageOnFirstScreen(page, 'gan', { stepper: 'gan.train.play' });
    await expectInViewport(page.getByTestId('gan.train.plane.canvas'), 'plane');
    await expectInViewport(page.getByTestId('gan.train.flow'), 'graph');
    // The losses typeset with their live numbers after one iteration.
    await page.getByTestId('gan.train.step').click();
    await expect.poll(() => shown(page, 'steps')).toBe(1);
    const losses = page.getByTestId('gan.train.losses');
    await expect
      .poll(async () => Number(await losses.getAttribute('data-loss-d')))
      .toBe(await shown(page, 'lossD'));
    await expect(losses.locator('math')).toBeVisible();

    await page.getByTestId('gan.train.walk-start').click();
    await expect(page.getByTestId('gan.train.walk.steps.count')).toHaveText('Step 1 of 8');
    const names = [...D_SUBSTEPS, ...G_SUBSTEPS];
    for (const [i, name] of names.entries()) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId(`gan.train.walk.step.${name}`)).toBeAttached();
      // The step's figure and formula are on screen, nothing scrolled away.
      await expectInViewport(page.getByTestId('gan.train.plane.canvas'), `${name}: plane`);
      await expectInViewport(page.getByTestId('gan.stage.formula'), `${name}: formula`);
      await expect(page.getByTestId('gan.train.walk.formula').locator('math')).toBeVisible();
      // The graph lights the step's parts, and marks where we are.
      const { current, lit } = WALK_LIT[name];
      await expect(page.getByTestId(`gan.train.flow.node.${current}`)).toHaveAttribute(
        'data-current',
        'true',
      );
      for (const part of lit) {
        const id = part.includes('>') ? `edge.${part}` : `node.${part}`;
        if (id.startsWith('node'))
          await expect(page.getByTestId(`gan.train.flow.${id}`)).toHaveAttribute(
            'data-lit',
            'true',
          );
        else await expect(page.getByTestId(`gan.train.flow.${id}`)).toHaveClass(/\blit\b/);
      }
      if (name === 'updateD' || name === 'updateG') {
        const net = name === 'updateD' ? 'D' : 'G';
        const rule = page.getByTestId(`gan.train.walk.update${net}.rule`);
        const ex = JSON.parse((await rule.getAttribute('data-example'))!) as Record<string, number>;
        // Adam (torch.optim) recomputed here from the numbers the page shows.
        const m = ex.beta1! * ex.mPrev! + (1 - ex.beta1!) * ex.g!;
        const v = ex.beta2! * ex.vPrev! + (1 - ex.beta2!) * ex.g! ** 2;
        const mHat = m / (1 - ex.beta1! ** ex.t!);
        const vHat = v / (1 - ex.beta2! ** ex.t!);
        const next = ex.theta! - (ex.lr! * mHat) / (Math.sqrt(vHat) + ex.eps!);
        expect(ex.lr).toBe(0.002);
        expect(Math.abs(ex.g!)).toBeGreaterThan(0);
        expect(ex.thetaNext).toBeCloseTo(next, 12);
        // …and it is the update the trainer made (float32 there).
        expect(Math.abs(next - ex.thetaTrainer!)).toBeLessThan(1e-6);
        const tex = (await page.getByTestId('gan.train.walk.formula').getAttribute('data-tex'))!;
        // As texNum writes them: 4 significant digits, 1.2e-5 as 1.2\times 10^{-5}.
        const asTex = (x: number) => {
          const [mant, exp] = formatValue(x, 4).split('e');
          return exp === undefined ? mant! : `${mant}\\times 10^{${Number(exp)}}`;
        };
        for (const shownValue of [ex.g!, m, v, mHat, vHat, next])
          expect(tex).toContain(asTex(shownValue));
        expect(tex).not.toMatch(/lr\s*=\s*0\.002\s*\\cdot/);
        // ‖Δθ‖ of the whole network, labelled on its own.
        const norm = page.getByTestId(`gan.train.walk.update${net}.step`);
        expect(Number(await norm.getAttribute('data-value'))).toBeGreaterThan(0);
        await expect(norm).toContainText(`all ${ex.count} parameters of ${net}`);
      }
    }
    await page.getByTestId('gan.train.walk-close').click();
    await expect(page.getByTestId('gan.train.walk.formula')).toHaveCount(0);
  });

  test('a link (or tour step) to a sub-step of the walk opens the walk there', async ({
    app,
    page,
  }) => {
    await app.open(`${link({ batchSize: 32 })}&step=4`);
    await ready(page);
    await expect(page.getByTestId('gan.train.walk.step.lossD')).toBeAttached({ timeout: 30_000 });
    await expect(page.getByTestId('gan.train.walk.steps.count')).toHaveText('Step 5 of 8');
    await expect(page.getByTestId('gan.train.flow.node.lossD')).toHaveAttribute(
      'data-current',
      'true',
    );
    await expectInViewport(page.getByTestId('gan.train.plane.canvas'), 'plane');
    // Back to live training: the step goes back to 0 and no walk reopens.
    await page.getByTestId('gan.train.walk-close').click();
    await expect(page.getByTestId('gan.train.walk.formula')).toHaveCount(0);
    await page.getByTestId('gan.train.step').click();
    await expect.poll(() => shown(page, 'steps')).toBe(2);
    await expect(page.getByTestId('gan.train.walk.formula')).toHaveCount(0);
  });

  test('absurd learning rates: the dead generator gets a notice with what to try', async ({
    app,
    page,
  }) => {
    const adam = { kind: 'adam', lr: 1, beta1: 0.5, beta2: 0.999 } as const;
    await app.open(link({ optimizerG: adam, optimizerD: adam, speed: 5 }));
    await ready(page);
    await page.getByTestId('gan.train.play').click();
    const notice = page.getByTestId('gan.train.health');
    await expect(notice).toBeVisible({ timeout: 60_000 });
    await expect(notice).toHaveAttribute('data-kind', /escaped|collapsed/);
    await expect(notice).toContainText(/smaller learning rates/);
    await expectInViewport(notice, 'notice');
    await page.getByTestId('gan.train.play').click();
    await expect(page.getByTestId('gan.train')).toHaveAttribute('data-running', 'false');
  });

  test('space plays and pauses training in classroom mode; the performance panel covers nothing', async ({
    app,
    page,
  }) => {
    await app.open(link());
    await ready(page);
    await page.keyboard.press('c');
    await expect(page.locator('html')).toHaveClass(/\bclassroom\b/);
    const view = page.getByTestId('gan.train');
    await page.keyboard.press(' ');
    await expect(view).toHaveAttribute('data-running', 'true');
    await expect.poll(() => shown(page, 'steps')).toBeGreaterThan(0);
    await page.keyboard.press(' ');
    await expect(view).toHaveAttribute('data-running', 'false');
    await page.keyboard.press('c');
    await expect(page.locator('html')).not.toHaveClass(/\bclassroom\b/);

    await page.getByTestId('app.settings').click();
    await page.getByTestId('app.settings.perf').check();
    await page.keyboard.press('Escape');
    const perf = page.getByTestId('app.perf');
    await expect(page.getByTestId('gan.stage.side').getByTestId('app.perf')).toBeVisible();
    const a = (await perf.boundingBox())!;
    const b = (await page.getByTestId('gan.stage.figure').boundingBox())!;
    const overlap =
      Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) &&
      Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
    expect(overlap).toBe(false);
    // No inference ran in this view: said so, not "0 — ms".
    await expect(page.getByTestId('app.perf.p50')).not.toContainText('ms');
    await expect(perf).not.toContainText('last 0');
  });
});

test.describe('GAN training through the embed API', () => {
  test.skip(({ ep }) => ep === 'webgpu', 'WASM runs the full journeys; WebGPU has a smoke test');

  test('getResult gives the step count, losses and mean D outputs; train, play, pause; a diverging lr is caught', async ({
    page,
    ep,
  }) => {
    const frame = await openEmbedHost(page, ep, '#/gan');
    await expect(frame.getByTestId('gan.train')).toHaveAttribute('data-phase', 'ready', {
      timeout: 60_000,
    });
    expect(await ask(page, { type: 'getResult' })).toMatchObject({ type: 'error' });
    await frame.getByTestId('gan.train.step').click();
    await frame.getByTestId('gan.train.step').click();
    await expect(frame.getByTestId('gan.train.steps')).toHaveAttribute('data-value', '2');
    const r = await getResult<Record<string, number>>(page);
    expect(Object.keys(r).sort()).toEqual(['lossD', 'lossG', 'meanDFake', 'meanDReal', 'steps']);
    expect(r.steps).toBe(2);
    expect(r.lossD).toBe(
      Number(await frame.getByTestId('gan.train.lossD').getAttribute('data-value')),
    );
    expect(r.meanDReal).toBeGreaterThan(0);
    expect(r.meanDReal).toBeLessThan(1);
    // train: exactly n more iterations, answered as getResult; play and pause from the host.
    const trained = await ask(page, { type: 'train', iterations: 40 });
    expect(trained).toMatchObject({ type: 'result', lesson: 'gan', result: { steps: 42 } });
    await expect(frame.getByTestId('gan.train.steps')).toHaveAttribute('data-value', '42');
    expect(await ask(page, { type: 'train', iterations: 0 })).toMatchObject({
      type: 'error',
      field: 'iterations',
    });
    expect(await ask(page, { type: 'play' })).toMatchObject({ type: 'state', lesson: 'gan' });
    await expect(frame.getByTestId('gan.train')).toHaveAttribute('data-running', 'true');
    await expect
      .poll(async () => (await getResult<{ steps: number }>(page)).steps)
      .toBeGreaterThan(42);
    await ask(page, { type: 'pause' });
    await expect(frame.getByTestId('gan.train')).toHaveAttribute('data-running', 'false');
    // A bad lr names the field; nothing changes.
    const bad = await ask(page, {
      type: 'setConfig',
      lesson: 'gan',
      config: { optimizerG: { kind: 'adam', lr: -1, beta1: 0.5, beta2: 0.999 } },
    });
    expect(bad).toMatchObject({ type: 'error', field: 'config.optimizerG.lr' });
    // The largest learning rate with heavy momentum: training diverges and pauses.
    const sgd = { kind: 'sgd', lr: 1, momentum: 0.99 };
    const set = await ask(page, {
      type: 'setConfig',
      lesson: 'gan',
      config: { optimizerG: sgd, optimizerD: sgd, seed: 1, speed: 5 },
    });
    expect(set).toMatchObject({ type: 'state', config: { optimizerD: sgd } });
    // Fresh networks from the seed, trained by the new optimizers.
    await expect(frame.getByTestId('gan.train.lrG')).toHaveAttribute('data-value', '1');
    await frame.getByTestId('gan.train.reset').click();
    await expect(frame.getByTestId('gan.train.steps')).toHaveAttribute('data-value', '0');
    await frame.getByTestId('gan.train.play').click();
    await expect(frame.getByTestId('gan.train.diverged')).toBeVisible({ timeout: 60_000 });
    await frame.getByTestId('gan.train.restore').click();
    await expect(frame.getByTestId('gan.train.diverged')).toHaveCount(0);
  });
});

test.describe('GAN training on WebGPU', () => {
  test.skip(({ ep }) => ep !== 'webgpu', 'the WebGPU smoke test');

  test('a few iterations run on WebGPU with finite losses', async ({ app, page }) => {
    test.setTimeout(300_000); // software WebGPU compiles each graph's shaders on first use
    await app.open(link({ batchSize: 32 }));
    expect(await app.backend()).toBe('webgpu');
    await ready(page);
    await expect(page.getByTestId('gan.train.status')).toContainText('WebGPU');
    for (let i = 1; i <= 3; i++) {
      await page.getByTestId('gan.train.step').click();
      await expect.poll(() => shown(page, 'steps'), { timeout: 90_000 }).toBe(i);
    }
    for (const k of ['lossD', 'lossG', 'meanDReal', 'meanDFake', 'distance'])
      expect(Number.isFinite(await shown(page, k))).toBe(true);
  });
});
