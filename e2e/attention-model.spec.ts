import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { ask, expect, getResult, openEmbedHost, test, type GlassboxPage } from './fixtures';
import {
  CLASSROOM,
  expectInViewport,
  expectNoOverflow,
  expectNoOverlaps,
  expectStageOnFirstScreen,
} from './stage';

/** PyTorch's outputs for a few texts (models/recipes/char_gpt.py); −∞ is the string "-Infinity". */
interface GoldenCase {
  text: string;
  input: { data: number[] };
  outputs: Record<string, { shape: number[]; rows?: number; data: (number | string)[] }>;
}
const golden = JSON.parse(
  readFileSync(new URL('../models/fixtures/char_gpt_en.golden.json', import.meta.url), 'utf8'),
) as { tolerance: number; cases: GoldenCase[] };
const card = JSON.parse(
  readFileSync(new URL('../models/char_gpt_en.json', import.meta.url), 'utf8'),
) as { tokenizer: { vocab: string[] } };

/** Case 0 keeps only the first rows of its T × T outputs; case 2 keeps every row (and <unk>s). */
const STEPS_CASE = golden.cases[0]!;
const NEXT_CASE = golden.cases[2]!;
const TOL = golden.tolerance;

const softmax = (z: number[], t = 1) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const entropy = (p: number[]) => -p.reduce((h, v) => (v > 0 ? h + v * Math.log(v) : h), 0);
/** PyTorch's next-token logits for a case: the row of the last real position. */
const lastLogits = (c: GoldenCase) => {
  const l = c.outputs.logits!;
  const V = l.shape[2]!;
  const n = c.input.data.findIndex((v, i) => i > 0 && v === 0);
  const count = n < 0 ? c.input.data.length : n;
  return l.data.slice((count - 1) * V, count * V).map(Number);
};

/** The attention model view, as a user sees it. */
class ModelViewPage {
  constructor(
    readonly app: GlassboxPage,
    readonly page: Page = app.page,
  ) {}

  async open(): Promise<void> {
    await this.app.open('#/attention');
    // The first load downloads and warms the model up (seconds of shader compile on SwiftShader).
    await expect(this.page.getByTestId('attention.model.steps')).toHaveAttribute(
      'aria-busy',
      'false',
      { timeout: 90_000 },
    );
  }
  /** Waits until the view shows the model's answer for the current text. */
  async settled(): Promise<void> {
    await expect(this.page.getByTestId('attention.model.steps')).toHaveAttribute(
      'aria-busy',
      'false',
    );
    await expect(this.page.getByTestId('attention.model.next')).toHaveAttribute(
      'aria-busy',
      'false',
    );
  }
  async type(text: string): Promise<void> {
    await this.page.getByTestId('attention.model.text').fill(text);
    await this.settled();
  }
  async goto(step: number): Promise<void> {
    await this.page.getByTestId('attention.model.step.scrub').fill(String(step));
  }
  /** The TeX of the step's typeset formula (its live numbers). */
  async tex(): Promise<string> {
    return (await this.page.getByTestId('attention.model.formula').getAttribute('data-tex')) ?? '';
  }
  async pick(layer: number, head: number): Promise<void> {
    await this.page.getByTestId('attention.model.layer').selectOption({ value: String(layer) });
    await this.page.getByTestId('attention.model.head').selectOption({ value: String(head) });
  }
  matrix(name: string): Locator {
    return this.page.getByTestId(`attention.model.m.${name}`);
  }
  async values(name: string): Promise<number[]> {
    const raw = await this.matrix(name).getAttribute('data-values');
    return (JSON.parse(raw ?? '[]') as (number | string)[]).map(Number);
  }
  bars(): Locator {
    return this.page.locator('[data-testid^="attention.model.next.bar-"]');
  }
  async barValues(): Promise<number[]> {
    return (await this.bars().evaluateAll((els) => els.map((e) => e.getAttribute('data-value'))))
      .map(Number)
      .filter((v) => v > 0);
  }
  async entropy(): Promise<{ h: number; kept: number; ids: number[] }> {
    const el = this.page.getByTestId('attention.model.next.entropy');
    return {
      h: Number(await el.getAttribute('data-entropy')),
      kept: Number(await el.getAttribute('data-kept')),
      ids: ((await el.getAttribute('data-ids')) ?? '').split(',').map(Number),
    };
  }
  async text(): Promise<string> {
    return this.page.getByTestId('attention.model.text').inputValue();
  }
}

/**
 * The matrix the view shows equals PyTorch's: `rows` × `cols` of the view against the first
 * rows of the golden output (which keeps `rows` positions of T, each `width` wide).
 */
function expectGolden(
  shown: number[],
  n: number,
  cols: number,
  expected: GoldenCase['outputs'][string],
) {
  const width = expected.shape[2]!;
  const rows = Math.min(n, expected.rows ?? expected.shape[1]!);
  expect(shown).toHaveLength(n * cols);
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const want = Number(expected.data[i * width + j]);
      const got = shown[i * cols + j]!;
      if (want === -Infinity || got === -Infinity) expect(got).toBe(want);
      else worst = Math.max(worst, Math.abs(got - want));
    }
  }
  expect(worst).toBeLessThan(TOL);
}

test.describe('Attention: the trained transformer, step by step', () => {
  test('every step shows PyTorch’s matrices for the golden text', async ({ app, ep }) => {
    // 2 heads × 11 steps of matrices up to 42 × 256, read back and compared.
    test.setTimeout(240_000);
    const view = new ModelViewPage(app);
    await view.open();
    expect(await app.backend()).toBe(ep);
    await view.type(STEPS_CASE.text);
    const n = Array.from(STEPS_CASE.text).length;
    await expect(app.page.getByTestId('attention.model.tokens')).toHaveAttribute(
      'data-ids',
      STEPS_CASE.input.data.slice(0, n).join(','),
    );
    const o = STEPS_CASE.outputs;
    const square = ['scores', 'scaled', 'masked', 'weights'];
    const check = async (name: string) => {
      const part = name.slice(name.lastIndexOf('.') + 1);
      const expected = o[name]!;
      const cols = square.includes(part) ? n : expected.shape[2]!;
      await expect(view.matrix(name)).toBeVisible();
      expectGolden(await view.values(name), n, cols, expected);
    };
    await view.goto(1);
    for (const name of ['tok_emb', 'pos_emb', 'embed']) await check(name);
    for (const [layer, head] of [
      [0, 0],
      [1, 2],
    ] as const) {
      await view.pick(layer, head);
      const h = `l${layer}.h${head}`;
      const l = `l${layer}`;
      const byStep: [number, string[]][] = [
        [2, [`${h}.q`, `${h}.k`, `${h}.v`]],
        [3, [`${h}.scores`]],
        [4, [`${h}.scaled`]],
        [5, [`${h}.masked`]],
        [6, [`${h}.weights`]],
        [7, [`${h}.out`]],
        [8, [`${l}.concat`]],
        [9, [`${l}.proj`]],
        [10, [`${l}.resid1`, `${l}.norm1`]],
        [11, [`${l}.mlp_hidden`, `${l}.mlp_out`]],
        [12, [`${l}.resid2`, `${l}.norm2`]],
      ];
      for (const [step, names] of byStep) {
        await view.goto(step);
        for (const name of names) await check(name);
      }
    }
    // The masked entries are −∞ above the diagonal; the weights there are exactly 0.
    await view.goto(6);
    const w = await view.values('l1.h2.weights');
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(w[i * n + j]).toBe(0);
    // Logits: the 10 columns of the most likely next characters, every position.
    await view.goto(13);
    const columns = (await app.page.getByTestId('attention.model.logit-columns').textContent())!
      .split(',')
      .map(Number);
    const logits = await view.values('logits');
    const V = o.logits!.shape[2]!;
    const rows = Math.min(n, o.logits!.rows ?? n);
    for (let i = 0; i < rows; i++)
      columns.forEach((c, j) =>
        expect(
          Math.abs(logits[i * columns.length + j]! - Number(o.logits!.data[i * V + c])),
        ).toBeLessThan(TOL),
      );
  });

  test('hovering a cell highlights its tokens; a click locks it; keys step', async ({
    app,
    page,
  }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await view.goto(6);
    const weights = view.matrix('l0.h0.weights');
    // The stage's layout is final once the formula is typeset (the figure takes what is left).
    await expect(page.getByTestId('attention.model.formula').locator('math')).toBeVisible();
    // 19 tokens: drawn on a canvas, one square per cell.
    const canvas = weights.locator('canvas');
    const box = (await canvas.boundingBox())!;
    const cell = { position: { x: (2.5 / 19) * box.width, y: (5.5 / 19) * box.height } };
    await canvas.hover(cell);
    await expect(page.locator('.attn-token.query')).toHaveAttribute('title', /position 5/);
    await expect(page.locator('.attn-token.key')).toHaveAttribute('title', /position 2/);
    await canvas.click(cell);
    await expect(page.getByTestId('attention.model.locked')).toContainText('position 5');
    await expect(page).toHaveURL(/c=/);
    // Keyboard: focus the matrix (the cursor starts at 0, 0), move it, Enter locks that cell.
    await page.mouse.move(0, 0);
    await weights.getByRole('img').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('attention.model.locked')).toContainText('(position 2) → key');
    await expect(page.getByTestId('attention.model.locked')).toContainText('(position 1).');
    // ←/→ on the page step (focus outside the matrix).
    await page.getByTestId('attention.model.step.title').click();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('attention.model.step.title')).toHaveText(
      'Weighted sum of values',
    );
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('attention.model.step.title')).toHaveText(
      'Softmax: attention weights',
    );
  });

  test('temperature, top-k and top-p re-sample PyTorch’s logits live', async ({ app }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await view.type(NEXT_CASE.text);
    // Characters outside the vocabulary are flagged.
    await expect(app.page.getByTestId('attention.model.unknown')).toBeVisible();
    const plain = softmax(lastLogits(NEXT_CASE));
    const top10 = plain
      .map((p, id) => ({ p, id }))
      .sort((a, b) => b.p - a.p || a.id - b.id)
      .slice(0, 10);
    const start = await view.entropy();
    expect(start.ids).toEqual(top10.map((e) => e.id));
    const shown = await view.barValues();
    top10.forEach((e, i) => expect(Math.abs(shown[i]! - e.p)).toBeLessThan(1e-4));
    expect(Math.abs(start.h - entropy(plain))).toBeLessThan(1e-3);

    await app.page.getByTestId('attention.model.temperature').fill('0.5');
    await expect.poll(async () => (await view.entropy()).h).toBeLessThan(start.h);
    const cold = softmax(lastLogits(NEXT_CASE), 0.5);
    expect(Math.abs((await view.entropy()).h - entropy(cold))).toBeLessThan(1e-3);
    await app.page.getByTestId('attention.model.temperature').fill('1');

    await app.page.getByTestId('attention.model.topk').fill('3');
    await expect(view.bars()).toHaveCount(3);
    const k3 = await view.barValues();
    const mass = top10.slice(0, 3).reduce((s, e) => s + e.p, 0);
    k3.forEach((v, i) => expect(Math.abs(v - top10[i]!.p / mass)).toBeLessThan(1e-4));
    await app.page.getByTestId('attention.model.topk').fill('0');

    await app.page.getByTestId('attention.model.topp').fill('0.5');
    // The nucleus over the whole vocabulary (it may hold more than the ten bars drawn).
    const sorted = [...plain].sort((a, b) => b - a);
    let cum = 0;
    const nucleus = sorted.findIndex((p) => (cum += p) >= 0.5) + 1;
    await expect.poll(async () => (await view.entropy()).kept).toBe(nucleus);
    await expect(view.bars()).toHaveCount(Math.min(nucleus, 10));
  });

  test('generation with a seed is reproducible, and a link keeps the run', async ({
    app,
    page,
  }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await view.type('Once upon a ');
    await page.getByTestId('attention.model.seed').fill('42');
    const generate = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const before = await view.text();
        const id = Number(
          await page.getByTestId('attention.model.next.draw').getAttribute('data-id'),
        );
        await page.getByTestId('attention.model.generate').click();
        await expect.poll(() => view.text()).toBe(before + card.tokenizer.vocab[id]);
        await view.settled();
      }
      return view.text();
    };
    const first = await generate(4);
    expect(Array.from(first)).toHaveLength(12 + 4);
    // The new token's attention row is locked and shown.
    await expect(page.getByTestId('attention.model.locked')).toContainText('position 15');

    await page.waitForTimeout(400);
    const link = page.url();
    // Same prompt and seed, in a fresh page: the same characters.
    await view.open();
    await view.type('Once upon a ');
    await page.getByTestId('attention.model.seed').fill('42');
    expect(await generate(4)).toBe(first);
    // The link reproduces the run as it was.
    await page.goto('about:blank');
    await page.goto(link);
    await view.settled();
    expect(await view.text()).toBe(first);
  });

  test('the head grid opens a head in the step view', async ({ app, page }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await page.getByTestId('attention.model.head-1-3').click();
    await expect(page.getByTestId('attention.model.layer')).toHaveValue('1');
    await expect(page.getByTestId('attention.model.head')).toHaveValue('3');
    await expect(page.getByTestId('attention.model.step.title')).toHaveText(
      'Softmax: attention weights',
    );
    await expect(view.matrix('l1.h3.weights')).toBeVisible();
    await expect(page.getByTestId('attention.model.head-1-3')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  test('embed API: a bad config names the field; getResult gives weights and the top-10', async ({
    page,
    ep,
  }) => {
    await openEmbedHost(page, ep, '#/attention');
    for (const [config, field] of [
      [{ layer: 2 }, 'config.layer'],
      [{ text: 'x'.repeat(65) }, 'config.text'],
      [{ sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 } }, 'config.sampling.temperature'],
    ] as const) {
      expect(await ask(page, { type: 'setConfig', lesson: 'attention', config })).toMatchObject({
        type: 'error',
        field,
      });
    }
    const set = await ask(page, {
      type: 'setConfig',
      lesson: 'attention',
      config: { text: NEXT_CASE.text, layer: 1, head: 2 },
    });
    expect(set).toMatchObject({ type: 'state', stepCount: 15 });
    const result = await getResult<{
      tokens: string[];
      layer: number;
      head: number;
      weights: number[][];
      next: { token: string; id: number; probability: number }[];
    }>(page);
    const n = Array.from(NEXT_CASE.text).length;
    expect(result.tokens).toHaveLength(n);
    expect([result.layer, result.head]).toEqual([1, 2]);
    expect(result.weights).toHaveLength(n);
    const expected = NEXT_CASE.outputs['l1.h2.weights'];
    if (expected) expectGolden(result.weights.flat(), n, n, expected);
    const plain = softmax(lastLogits(NEXT_CASE));
    expect(result.next).toHaveLength(10);
    for (const e of result.next) {
      expect(e.token).toBe(card.tokenizer.vocab[e.id]);
      expect(Math.abs(e.probability - plain[e.id]!)).toBeLessThan(1e-4);
    }
  });
});

/** The last number of a TeX formula (after its last "="), as the view computed it. */
const lastNumber = (tex: string): number => {
  const tail = tex.slice(tex.lastIndexOf('=') + 1).trim();
  const m = /^(-?[\d.]+)(?:\\times 10\^\{(-?\d+)\})?/.exec(tail);
  if (!m) throw new Error(`no number at the end of ${tex}`);
  return Number(m[1]) * 10 ** Number(m[2] ?? 0);
};

test.describe('Attention model view on the stage (1280 × 800)', () => {
  test.use({ viewport: CLASSROOM });

  test('the first screen holds the overview, the step, its formula and the stepper; focus follows', async ({
    app,
    page,
  }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await expectStageOnFirstScreen(page, 'attention', { stepper: 'attention.model.step.next' });
    const figure = page.getByTestId('attention.stage.figure');
    // The transformer as 15 boxes, the current one lit.
    await expect(page.locator('[data-testid^="attention.model.flow.node."]')).toHaveCount(15);
    await expect(page.getByTestId('attention.model.flow.node.tokens')).toHaveAttribute(
      'aria-current',
      'step',
    );
    // By button.
    await page.getByTestId('attention.model.step.next').click();
    await expect(page.getByTestId('attention.model.flow.node.embed')).toHaveAttribute(
      'aria-current',
      'step',
    );
    await expectInViewport(figure, 'figure after the button');
    // By the → key.
    await page.getByTestId('attention.model.step.title').click();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('attention.model.step.title')).toHaveText(
      'Queries, keys and values',
    );
    await expectInViewport(figure, 'figure after →');
    // By a box of the diagram (mouse, then keyboard).
    await page.getByTestId('attention.model.flow.node.weights').click();
    await expect(page.getByTestId('attention.model.step.title')).toHaveText(
      'Softmax: attention weights',
    );
    await expect(view.matrix('l0.h0.weights')).toBeVisible();
    await expectInViewport(figure, 'figure after a box click');
    await page.getByTestId('attention.model.flow.node.masked').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('attention.model.step.title')).toHaveText('Causal mask');
    await expectInViewport(page.getByTestId('attention.model.m.l0.h0.masked'), 'masked matrix');
    // The masked steps say what grey means, beside the colour legend.
    await expect(page.getByTestId('attention.model.m.l0.h0.masked.masked-key')).toContainText('−∞');
    await expect(view.matrix('l0.h0.masked').locator('.legend')).toBeVisible();
    // A head in the head grid opens it, in view.
    await page.getByTestId('attention.model.head-0-2').click();
    await expect(view.matrix('l0.h2.weights')).toBeVisible();
    await expectInViewport(figure, 'figure after a head click');
  });

  test('the formula shows the hovered cell’s live numbers, equal to PyTorch’s', async ({
    app,
    page,
  }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await view.type(STEPS_CASE.text);
    // As the view shows them: a space is ␣.
    const chars = Array.from(STEPS_CASE.text).map((c) => (c === ' ' ? '␣' : c));
    const n = chars.length;
    await view.pick(0, 0);
    const o = STEPS_CASE.outputs;
    const hoverCell = async (name: string, row: number, col: number) => {
      await expect(page.getByTestId('attention.model.formula').locator('math')).toBeVisible();
      const canvas = view.matrix(name).locator('canvas');
      const box = (await canvas.boundingBox())!;
      await canvas.hover({
        position: { x: ((col + 0.5) / n) * box.width, y: ((row + 0.5) / n) * box.height },
      });
    };
    const [row, col] = [2, 1];
    const golden = (name: string) => Number(o[name]!.data[row * o[name]!.shape[2]! + col]);
    for (const [step, kind] of [
      [3, 'scores'],
      [4, 'scaled'],
      [6, 'weights'],
    ] as const) {
      await view.goto(step);
      await hoverCell(`l0.h0.${kind}`, row, col);
      await expect
        .poll(() => view.tex())
        .toContain(`(\\text{${chars[row]}}, \\text{${chars[col]}})`);
      const tex = await view.tex();
      const want = golden(`l0.h0.${kind}`);
      expect(Math.abs(lastNumber(tex) - want), `${kind}: ${tex}`).toBeLessThan(
        Math.abs(want) * 1e-3 + 1e-4,
      );
      // The readout names the row and the column.
      await expect(view.matrix(`l0.h0.${kind}`).locator('.tkh-tip')).toContainText(
        `row “${chars[row]}” with column “${chars[col]}”`,
      );
    }
    // The scores step writes out the first products of q · k and "…" (d_k = 16).
    await view.goto(3);
    await hoverCell('l0.h0.scores', row, col);
    await expect.poll(() => view.tex()).toContain('\\dots');
    // The formula is typeset (MathML), not plain text.
    await expect(page.getByTestId('attention.model.formula').locator('math')).toBeVisible();
  });

  test('64 characters: labels never overlap, numbers never overflow their cells', async ({
    app,
    page,
  }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await view.type('The quick brown fox jumps over the lazy dog. Pack my box with 5 ');
    await view.goto(6);
    const weights = view.matrix('l0.h0.weights');
    await expect(weights).toBeVisible();
    expect((await view.values('l0.h0.weights')).length).toBe(64 * 64);
    await expectNoOverlaps(weights, '.tkh-label');
    await expectNoOverlaps(view.matrix('l0.h0.masked'), '.tkh-label');
    // The 64-column matrix fits the figure (or its own box scrolls: never past the stage).
    await expectInViewport(weights.locator('canvas'), '64 × 64 weights');
    await view.goto(11);
    await expectNoOverlaps(view.matrix('l0.mlp_hidden'), '.tkh-label');
    // Numbers in cells: the toy model's small matrices and the logits.
    await page.getByTestId('attention.model.picker').selectOption('toy_reverse');
    await view.settled();
    await view.goto(6);
    const toyWeights = view.matrix('l1.h1.weights');
    await expect(toyWeights.locator('.tkh-cell').first()).toBeVisible();
    await expectNoOverflow(toyWeights, '.tkh-cell');
    await expectNoOverlaps(toyWeights, '.tkh-label');
    await view.goto(13);
    await expectNoOverflow(view.matrix('logits'), '.tkh-cell');
  });

  test('the digit reverser stops at its end mark and says so', async ({ app, page }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await page.getByTestId('attention.model.picker').selectOption('toy_reverse');
    await view.settled();
    await page.getByRole('button', { name: '31415>', exact: true }).click();
    await view.settled();
    const generate = page.getByTestId('attention.model.generate');
    for (let i = 0; i < 10 && (await generate.isEnabled()); i++) {
      const before = await view.text();
      await generate.click();
      await expect.poll(() => view.text()).not.toBe(before);
      await view.settled();
    }
    expect(await view.text()).toBe('31415>51413.');
    await expect(generate).toBeDisabled();
    await expect(page.getByTestId('attention.model.ended')).toContainText('end mark “.”');
    // Generate names why it is off.
    await expect(generate).toHaveAttribute('aria-describedby', 'attn-toy-ended');
    // The last step says so too, instead of a distribution after the end.
    await view.goto(14);
    await expect(page.getByTestId('attention.model.step-ended')).toContainText('end mark “.”');
    await expect(page.getByTestId('attention.model.next.entropy')).toHaveCount(0);
  });

  test('an empty text is said in words, without a field path', async ({ app, page }) => {
    const view = new ModelViewPage(app);
    await view.open();
    await page.getByTestId('attention.model.text').fill('');
    await expect(page.getByTestId('attention.model.problem')).toHaveText(
      'Type at least one character.',
    );
    await expect(page.getByTestId('attention.model.problem')).not.toContainText('config.');
  });
});
