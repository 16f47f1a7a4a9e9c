import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import lz from 'lz-string';
import { attentionSteps, type AttentionOptions, type Matrix } from '../src/core/attention';
import { ask, expect, getResult, openEmbedHost, test } from './fixtures';
import {
  CLASSROOM,
  expectInViewport,
  expectNoOverflow,
  expectNoOverlaps,
  expectStageOnFirstScreen,
} from './stage';

/** PyTorch's numbers (models/recipes/attention_cases.py); −∞ is written as null. */
const fixture = JSON.parse(
  readFileSync(new URL('../models/fixtures/ops/attention.json', import.meta.url), 'utf8'),
) as {
  tolerance: number;
  cases: { name: string; expected: Record<string, (number | null)[][][] | (number | null)[][]> }[];
};
const article = fixture.cases[0]!.expected;
const inf = (m: (number | null)[][]): Matrix =>
  m.map((r) => r.map((x) => (x === null ? -Infinity : x)));

type Sandbox = {
  q: Matrix;
  k: Matrix;
  v: Matrix;
  tokens?: string[];
  mask?: 'none' | 'causal';
  scale?: 'sqrt_dk' | 'none';
  heads?: number;
};
const link = (config: Sandbox) =>
  `#/attention?c=${lz.compressToEncodedURIComponent(JSON.stringify({ mode: 'sandbox', ...config }))}`;

const NAMES = ['scores', 'scaled', 'masked', 'weights', 'output'] as const;

/** A matrix the page shows (exact values from data-value), once ORT's numbers are in. */
async function shown(page: Page, name: string, cols: number): Promise<Matrix> {
  await expect(page.getByTestId('attention.sandbox.source')).toHaveAttribute('data-source', 'ort');
  const flat = await page
    .locator(`[data-testid^="attention.sandbox.${name}.cell-"]`)
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  return Array.from({ length: flat.length / cols }, (_, r) => flat.slice(r * cols, (r + 1) * cols));
}

function expectClose(a: Matrix, b: Matrix, tol: number, what: string) {
  expect(a.length, what).toBe(b.length);
  a.forEach((row, i) =>
    row.forEach((x, j) => {
      const y = b[i]![j]!;
      if (!Number.isFinite(y)) expect(x, `${what}[${i}][${j}]`).toBe(y);
      else expect(Math.abs(x - y), `${what}[${i}][${j}]: ${x} vs ${y}`).toBeLessThan(tol);
    }),
  );
}

/** Every matrix of the shown head equals core's reference for the config. */
async function expectMatchesCore(page: Page, c: Sandbox, head = 0) {
  const o: AttentionOptions = {
    mask: c.mask ?? 'none',
    scale: c.scale ?? 'sqrt_dk',
    heads: c.heads ?? 1,
  };
  const ref = attentionSteps(c.q, c.k, c.v, o);
  const h = ref.perHead[head]!;
  for (const name of NAMES) {
    const cols = name === 'output' ? ref.dvHead : ref.tk;
    expectClose(await shown(page, name, cols), h[name], 1e-4, name);
  }
  await expect(page.getByTestId('attention.sandbox.mismatch')).toHaveCount(0);
  return ref;
}

const rnd = (r: number, c: number, seed: number): Matrix =>
  Array.from({ length: r }, (_, i) =>
    Array.from(
      { length: c },
      (_, j) => Math.round(Math.sin(seed * 41 + i * 3.7 + j * 1.3) * 100) / 100,
    ),
  );

test.describe('Attention sandbox', () => {
  test('the article’s example shows PyTorch’s scores, weights and output', async ({
    app,
    page,
  }) => {
    await app.open('#/attention');
    await page.getByTestId('attention.mode.sandbox').click();
    await expect(page.getByTestId('attention.sandbox.scores.cell-0-0')).toBeVisible();
    // Token labels on the rows and columns.
    await expect(page.getByRole('table', { name: 'Scores: Q·Kᵀ' })).toContainText('爱');
    for (const name of ['scores', 'scaled', 'masked', 'weights'] as const) {
      const want = inf((article[name] as (number | null)[][][])[0]!);
      expectClose(await shown(page, name, 3), want, fixture.tolerance, name);
    }
    expectClose(
      await shown(page, 'output', 3),
      inf(article.output as (number | null)[][]),
      fixture.tolerance,
      'output',
    );
    // The weights the widely copied version gets wrong: row 我 is 0.2994, 0.3321, 0.3685.
    await expect(page.getByTestId('attention.sandbox.weights.cell-0-0')).toHaveAttribute(
      'data-value',
      /^0\.29935/,
    );
  });

  test('editing Q, K and V gives the reference’s matrices', async ({ app, page }) => {
    const c: Sandbox = { q: rnd(4, 4, 1), k: rnd(5, 4, 2), v: rnd(5, 3, 3) };
    await app.open(link(c));
    await expectMatchesCore(page, c);
    await page.getByTestId('attention.sandbox.q.cell-1-2').fill('2.5');
    await page.getByTestId('attention.sandbox.v.cell-4-0').fill('-3');
    c.q[1]![2] = 2.5;
    c.v[4]![0] = -3;
    await expect(page.getByTestId('attention.sandbox.q.cell-1-2')).toHaveAttribute(
      'data-value',
      '2.5',
    );
    await expectMatchesCore(page, c);
    // Paste a 2×2 block into K: it lands at the cell, numbers follow.
    await pasteInto(page, 'attention.sandbox.k.cell-0-0', '1\t2\n3\t4');
    c.k[0]!.splice(0, 2, 1, 2);
    c.k[1]!.splice(0, 2, 3, 4);
    await expect(page.getByTestId('attention.sandbox.k.cell-1-1')).toHaveAttribute(
      'data-value',
      '4',
    );
    await expectMatchesCore(page, c);
  });

  test('a causal mask zeroes the weights above the diagonal', async ({ app, page }) => {
    const c: Sandbox = { q: rnd(5, 4, 4), k: rnd(5, 4, 5), v: rnd(5, 4, 6) };
    await app.open(link(c));
    await page.getByTestId('attention.sandbox.mask').selectOption('causal');
    c.mask = 'causal';
    const ref = await expectMatchesCore(page, c);
    const w = await shown(page, 'weights', 5);
    const m = await shown(page, 'masked', 5);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) {
        if (j > i) {
          expect(w[i]![j]).toBe(0);
          expect(m[i]![j]).toBe(-Infinity);
        } else expect(w[i]![j]).toBeGreaterThan(0);
      }
    expect(ref.perHead[0]!.weights[0]![0]).toBe(1);
    // Cells of later steps are drawn empty: step to the mask to read it.
    await page.getByTestId('attention.sandbox.step.next').click();
    await page.getByTestId('attention.sandbox.step.next').click();
    await expect(page.getByTestId('attention.sandbox.masked.cell-0-1')).toHaveText('−∞');
  });

  test('two heads: each head’s matrices and the concatenated output', async ({ app, page }) => {
    const c: Sandbox = { q: rnd(3, 4, 7), k: rnd(3, 4, 8), v: rnd(3, 4, 9) };
    await app.open(link(c));
    await page.getByTestId('attention.sandbox.heads').selectOption('2');
    c.heads = 2;
    await expect(page.getByTestId('attention.sandbox.step.count')).toHaveText('Step 1 of 6');
    const ref = await expectMatchesCore(page, c, 0);
    await page.getByTestId('attention.sandbox.head-1').click();
    await expectMatchesCore(page, c, 1);
    expectClose(await shown(page, 'concat', 4), ref.output, 1e-4, 'concat');
    // Only head counts that divide d_k = d_v = 4 are offered (3 is not).
    await expect(page.getByTestId('attention.sandbox.heads').locator('option')).toHaveText([
      '1',
      '2',
      '4',
    ]);
    await expect(page.getByTestId('attention.sandbox.heads')).toHaveValue('2');
  });

  test('keyboard: ←/→ step through the computation; a grid cell can be kept', async ({
    app,
    page,
  }) => {
    await app.open('#/attention');
    await page.getByTestId('attention.mode.sandbox').click();
    const count = page.getByTestId('attention.sandbox.step.count');
    await expect(count).toHaveText('Step 1 of 5');
    await expect(page.getByTestId('attention.sandbox.weights.cell-0-0')).toHaveAttribute(
      'data-pending',
      'true',
    );
    await page.getByTestId('attention.sandbox.step.next').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(count).toHaveText('Step 4 of 5');
    await expect(page.getByTestId('attention.sandbox.formula')).toHaveAttribute(
      'data-step',
      'weights',
    );
    await expect(page.getByTestId('attention.sandbox.weights.cell-0-0')).not.toHaveAttribute(
      'data-pending',
      'true',
    );
    await page.keyboard.press('ArrowLeft');
    await expect(count).toHaveText('Step 3 of 5');

    // Tab into the step's grid, move with the arrows (the steps stay), Enter keeps the cell.
    await page.getByTestId('attention.sandbox.masked.cell-0-0').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(count).toHaveText('Step 3 of 5');
    await expect(page.getByTestId('attention.sandbox.masked.cell-1-2')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('attention.sandbox.unlock')).toBeVisible();
    // Query 爱 (row 1) and key 你 (row 2) are highlighted in Q and K; the breakdown shows q·k.
    await expect(page.getByTestId('attention.sandbox.qh.cell-1-0')).toHaveClass(/hl-row/);
    await expect(page.getByTestId('attention.sandbox.kh.cell-2-0')).toHaveClass(/hl-row/);
    await expect(page.getByTestId('attention.sandbox.scores.cell-1-2')).toHaveClass(/\bhl\b/);
    await expect(page.getByTestId('attention.sandbox.breakdown')).toContainText('1.22');
    // Pointing elsewhere does not move a kept cell.
    await page.getByTestId('attention.sandbox.masked.cell-0-0').hover();
    await expect(page.getByTestId('attention.sandbox.scores.cell-1-2')).toHaveClass(/\bhl\b/);
    await page.getByTestId('attention.sandbox.unlock').click();
    await page.getByTestId('attention.sandbox.masked.cell-0-0').hover();
    await expect(page.getByTestId('attention.sandbox.scores.cell-0-0')).toHaveClass(/\bhl\b/);
  });

  test('a bad paste or setting shows a message and keeps the last good state', async ({
    app,
    page,
  }) => {
    await app.open('#/attention');
    await page.getByTestId('attention.mode.sandbox').click();
    await pasteInto(page, 'attention.sandbox.q.cell-0-0', '1\tx\n2\t3');
    await expect(page.getByTestId('attention.sandbox.q.error')).toContainText('x');
    await expect(page.getByTestId('attention.sandbox.q.cell-0-0')).toHaveAttribute(
      'data-value',
      '0.1',
    );
    // T_q ≠ T_k: a causal mask is not offered, and the view says why in words.
    await page.getByTestId('attention.sandbox.size.tq.dec').click();
    await expect(page.getByTestId('attention.sandbox.size.tq')).toHaveAttribute('data-value', '2');
    await expect(
      page.getByTestId('attention.sandbox.mask').locator('option[value="causal"]'),
    ).toBeDisabled();
    await expect(page.getByTestId('attention.sandbox.mask-hint')).toContainText(
      'as many queries as keys',
    );
    await expect(page.getByTestId('attention.sandbox.mask')).toHaveValue('none');
    await expect(page.getByTestId('attention.sandbox.weights.cell-1-2')).toBeAttached();
    await expect(page.getByTestId('attention.sandbox.weights.cell-2-0')).toHaveCount(0);
  });
});

async function pasteInto(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

test.describe('Attention sandbox on the stage (1280 × 800)', () => {
  test.use({ viewport: CLASSROOM });

  test('the first screen holds the step; the formula has the preset’s live numbers', async ({
    app,
    page,
  }) => {
    await app.open('#/attention');
    await page.getByTestId('attention.mode.sandbox').click();
    await expect(page.getByTestId('attention.sandbox.scores.cell-0-1')).toBeVisible();
    await expectStageOnFirstScreen(page, 'attention.sandbox', {
      stepper: 'attention.sandbox.step.next',
    });
    // score(我, 爱) = q_我 · k_爱 = 0.1·0.4 + 0.2·0.5 + 0.3·0.6 = 0.32, typeset, the reference's.
    const x = [
      [0.1, 0.2, 0.3],
      [0.4, 0.5, 0.6],
      [0.7, 0.8, 0.9],
    ];
    const ref = attentionSteps(x, x, x, { mask: 'none', scale: 'sqrt_dk', heads: 1 });
    const tex = page.getByTestId('attention.sandbox.formula-tex');
    await expect(tex).toHaveAttribute(
      'data-tex',
      's(\\text{我}, \\text{爱}) = q_{\\text{我}} \\cdot k_{\\text{爱}} = 0.1 \\cdot 0.4 + 0.2 \\cdot 0.5 + 0.3 \\cdot 0.6 = 0.32',
    );
    expect(Number(ref.perHead[0]!.scores[0]![1]!.toPrecision(4))).toBe(0.32);
    await expect(tex.locator('math')).toBeVisible();
    // Hovering another cell puts its numbers in: score(你, 爱) = 1.22.
    await page.getByTestId('attention.sandbox.scores.cell-2-1').hover();
    await expect(tex).toHaveAttribute('data-tex', /= 1\.22$/);
    expect(Number(ref.perHead[0]!.scores[2]![1]!.toPrecision(4))).toBe(1.22);
    // Weights step (by a box of the diagram): softmax written with the row's numbers.
    await page.getByTestId('attention.sandbox.flow.node.weights').click();
    await expect(page.getByTestId('attention.sandbox.formula')).toHaveAttribute(
      'data-step',
      'weights',
    );
    await page.mouse.move(0, 0);
    await expect(tex).toHaveAttribute('data-tex', /= 0\.3321$/);
    expect(ref.perHead[0]!.weights[0]![1]!).toBeCloseTo(0.3321, 4);
    await expectInViewport(page.getByTestId('attention.sandbox.stage.figure'), 'figure');
    // Numbers stay in their cells; labels never overlap.
    const fig = page.getByTestId('attention.sandbox.stage.figure');
    await expectNoOverflow(fig, 'td');
    await expectNoOverlaps(fig, 'th');
  });

  test('stepping by button, → and a diagram box keeps the figure in view', async ({
    app,
    page,
  }) => {
    const c: Sandbox = {
      q: rnd(16, 16, 1),
      k: rnd(16, 16, 2),
      v: rnd(16, 16, 3),
      mask: 'causal',
    };
    await app.open(link(c));
    await expectStageOnFirstScreen(page, 'attention.sandbox', {
      stepper: 'attention.sandbox.step.next',
    });
    const figure = page.getByTestId('attention.sandbox.stage.figure');
    await page.getByTestId('attention.sandbox.step.next').click();
    await expect(page.getByTestId('attention.sandbox.formula')).toHaveAttribute(
      'data-step',
      'scaled',
    );
    await expectInViewport(figure, 'after the button');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('attention.sandbox.formula')).toHaveAttribute(
      'data-step',
      'masked',
    );
    await expectInViewport(figure, 'after →');
    await expect(page.getByTestId('attention.sandbox.masked-key')).toContainText('−∞');
    await page.getByTestId('attention.sandbox.flow.node.output').click();
    await expect(page.getByTestId('attention.sandbox.formula')).toHaveAttribute(
      'data-step',
      'output',
    );
    await expectInViewport(figure, 'after a box click');
    // 16 × 16: the numbers fit their cells, the labels do not collide.
    await page.getByTestId('attention.sandbox.flow.node.weights').click();
    await expectNoOverflow(figure, 'td:not([data-pending])');
    await expectNoOverlaps(figure, 'th');
    await expectMatchesCore(page, c);
  });
});

// --- the embed API ---------------------------------------------------------------------------

test.describe('Attention sandbox through the embed API', () => {
  test('setConfig + getResult give PyTorch’s numbers; bad configs name the field', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep, '#/attention');
    const x = [
      [0.1, 0.2, 0.3],
      [0.4, 0.5, 0.6],
      [0.7, 0.8, 0.9],
    ];
    const set = await ask(page, {
      type: 'setConfig',
      lesson: 'attention',
      config: { mode: 'sandbox', q: x, k: x, v: x },
    });
    expect(set).toMatchObject({
      type: 'state',
      stepCount: 5,
      config: { mode: 'sandbox' },
      backend: ep,
    });
    const r = await getResult<Record<string, Matrix>>(page);
    for (const name of ['scores', 'scaled', 'masked', 'weights'] as const)
      expectClose(r[name]!, inf((article[name] as (number | null)[][][])[0]!), 1e-5, name);
    expectClose(r.output!, inf(article.output as (number | null)[][]), 1e-5, 'output');

    // Causal, 3 heads of d_k = d_v = 3: masked entries are −Infinity, their weights 0.
    await ask(page, {
      type: 'setConfig',
      lesson: 'attention',
      config: { mask: 'causal', heads: 3 },
    });
    const c = await getResult<{
      masked: Matrix;
      weights: Matrix;
      heads: { weights: Matrix; output: Matrix }[];
    }>(page);
    expect(c.masked[0]![1]).toBe(-Infinity);
    expect(c.weights[0]).toEqual([1, 0, 0]);
    expect(c.heads).toHaveLength(3);
    const ref = attentionSteps(x, x, x, { mask: 'causal', scale: 'sqrt_dk', heads: 3 });
    c.heads.forEach((h, n) => expectClose(h.weights, ref.perHead[n]!.weights, 1e-5, `head ${n}`));

    for (const [config, field] of [
      [{ k: [[1, 2]] }, 'config.k'],
      [{ v: [[1, 2, 3]] }, 'config.v'],
      [{ q: [[1, 2, 3]] }, 'config.mask'],
      [{ heads: 2 }, 'config.heads'],
      [
        {
          q: [
            [1, 2, 3],
            [4, 5, 'x'],
            [7, 8, 9],
          ],
        },
        'config.q.1.2',
      ],
      [{ q: Array.from({ length: 17 }, () => [1, 2, 3]) }, 'config.q'],
    ] as const) {
      const e = await ask(page, { type: 'setConfig', lesson: 'attention', config });
      expect(e, JSON.stringify(config)).toMatchObject({ type: 'error', field });
      expect(e.message).toContain(field);
    }
    expect(await ask(page, { type: 'getState' })).toMatchObject({
      config: { mask: 'causal', heads: 3, q: x },
    });
  });
});
