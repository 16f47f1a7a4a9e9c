import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import lz from 'lz-string';
import { descend, lineGrad, type DescentSetup } from '../src/core/descent';
import { formatValue } from '../src/viz/format';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import { CLASSROOM, expectStageOnFirstScreen } from './stage';

/** models/fixtures/basics_descent.golden.json: torch.optim trajectories (recipe in models/recipes). */
type Num = number | 'inf' | '-inf' | 'nan';
interface Case {
  name: string;
  config: DescentSetup & { mode: 'descent' };
  expected: { thetas: Num[][]; losses: Num[]; grads: Num[][] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../models/fixtures/basics_descent.golden.json', import.meta.url), 'utf8'),
) as { tolerance: number; cases: Case[] };
const golden = (name: string) => fixture.cases.find((c) => c.name === name)!;
/** The app's float64 numbers against PyTorch's (relative to max(1, |expected|)). */
const TOL = 1e-9;
const expectClose = (got: number[], want: Num[]) => {
  expect(got).toHaveLength(want.length);
  got.forEach((v, i) => {
    const w = want[i]!;
    if (typeof w === 'string') expect(Number.isFinite(v)).toBe(false);
    else expect(Math.abs(v - w)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(w)));
  });
};

const link = (config: Partial<DescentSetup>) =>
  `#/basics?c=${lz.compressToEncodedURIComponent(JSON.stringify({ ...golden('preset').config, ...config }))}`;
const f4 = (v: number) => formatValue(v, 4).replace('-', '−');
const formula = (page: Page, part: string) => page.getByTestId(`basics.descent.formula.${part}`);

test.describe('Basics: gradient descent', () => {
  test('the widely copied example on the classroom screen: ∇J = [−68, −15], θ₁ = [0.68, 0.15]', async ({
    app,
    page,
  }) => {
    await page.setViewportSize(CLASSROOM);
    await app.open('#/basics');
    await page.getByTestId('basics.mode.descent').click();
    await expectStageOnFirstScreen(page, 'basics.descent', {
      stepper: 'basics.descent.steps.next',
    });
    const ref = golden('preset').expected;
    await expect(page.getByTestId('basics.descent.loss')).toHaveAttribute(
      'data-value',
      String(ref.losses[0]),
    );
    await expect(formula(page, 'start')).toContainText('41.5');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('basics.descent.steps.count')).toHaveText('Step 2 of 21');
    await expect(formula(page, 'grad')).toContainText('−68');
    await expect(formula(page, 'grad')).toContainText('−15');
    await expect(formula(page, 'update')).toContainText('0.68');
    await expect(formula(page, 'update')).toContainText('0.15');
    await expect(page.getByTestId('basics.descent.copied')).toContainText('three components');
    const theta = JSON.parse(
      (await page.getByTestId('basics.descent.theta').getAttribute('data-value'))!,
    );
    expectClose(theta, ref.thetas[1]!);
    await expect(page.getByTestId('basics.descent.flow.node.update')).toHaveAttribute(
      'data-current',
      'true',
    );
  });

  test('dragging a point changes the gradient as core computes it', async ({ app, page }) => {
    await page.setViewportSize(CLASSROOM);
    await app.open(link({}));
    await expect(formula(page, 'start')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(formula(page, 'grad')).toContainText('−68');
    const point = page.getByTestId('basics.descent.point-2');
    const box = (await point.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 30, box.y + box.height / 2 + 40, { steps: 4 });
    await page.mouse.up();
    const x = Number(await point.getAttribute('data-x'));
    const y = Number(await point.getAttribute('data-y'));
    expect(x).toBeLessThan(6);
    expect(y).toBeLessThan(7);
    const g = lineGrad([2, 4, x], [3, 5, y], [0, 0], 'half_sse');
    await expect(formula(page, 'grad')).toContainText(f4(g[0]));
    await expect(formula(page, 'grad')).toContainText(f4(g[1]));
    await expect(formula(page, 'grad')).not.toContainText('−68');
    // The keyboard moves it too (↑: y + 0.1), and the step keys stay where they were.
    await point.focus();
    await page.keyboard.press('ArrowUp');
    await expect(point).toHaveAttribute('data-y', String(Number((y + 0.1).toFixed(2))));
    await expect(page.getByTestId('basics.descent.steps.count')).toHaveText('Step 2 of 21');
  });

  test('a learning rate too large says it diverges; an overflow stops at its step', async ({
    app,
    page,
  }) => {
    await app.open(link({}));
    await page.getByTestId('basics.descent.preset').selectOption('diverges');
    await page.getByTestId('basics.descent.steps.scrub').fill('30');
    await expect(page.getByTestId('basics.descent.diverging')).toContainText('Diverging');
    await expect(page.getByTestId('basics.descent.diverging')).toContainText('0.0341');

    const over = golden('preset-overflow');
    await app.open(link(over.config));
    const run = descend(over.config);
    const at = run.overflowAt!;
    expect(over.expected.losses[at]).toBe('inf');
    await expect(page.getByTestId('basics.descent.steps.count')).toHaveText(`Step 1 of ${at + 1}`);
    await page.getByTestId('basics.descent.steps.scrub').fill(String(at));
    await expect(page.getByTestId('basics.descent.diverging')).toContainText(
      `at step ${at} the numbers overflow`,
    );
    await expect(page.getByTestId('basics.descent.surface')).toBeVisible();
  });
});

test.describe('Basics: gradient descent through the embed API', () => {
  test('getResult matches torch.optim (Adam, momentum, MSE); bad input names its field', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep, '#/basics');
    for (const name of ['preset-adam', 'scatter-momentum-mse']) {
      const c = golden(name);
      const set = await ask(page, { type: 'setConfig', lesson: 'basics', config: c.config });
      expect(set).toMatchObject({ type: 'state', stepCount: c.config.steps + 1 });
      const r = await getResult<{ thetas: number[][]; losses: number[]; grads: number[][] }>(page);
      expect(Object.keys(r).sort()).toEqual(['grads', 'losses', 'thetas']);
      expectClose(r.thetas.flat(), c.expected.thetas.flat());
      expectClose(r.losses, c.expected.losses);
      expectClose(r.grads.flat(), c.expected.grads.flat());
    }
    for (const [config, field] of [
      [{ y: [1, 2] }, 'config.y'],
      [{ steps: 1001 }, 'config.steps'],
      [{ lr: 0 }, 'config.lr'],
      [{ theta: [0, 'b'] }, 'config.theta.1'],
    ] as const) {
      const e = await ask(page, { type: 'setConfig', lesson: 'basics', config });
      expect(e).toMatchObject({ type: 'error', field });
      expect(e.message).toContain(field);
    }
    expect(await ask(page, { type: 'getState' })).toMatchObject({
      config: golden('scatter-momentum-mse').config,
    });
  });
});
