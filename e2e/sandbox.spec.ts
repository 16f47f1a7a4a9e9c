import type { Page } from '@playwright/test';
import lz from 'lz-string';
import { conv2d, convTranspose2d } from '../src/core/conv';
import { expect, test } from './fixtures';
import { CLASSROOM, expectInViewport, expectNoOverflow, expectStageOnFirstScreen } from './stage';

type Sandbox = {
  input: number[][] | number[][][];
  kernel: number[][] | number[][][] | number[][][][];
  bias?: number | number[];
  stride?: number;
  padding?: number;
  dilation?: number;
  transposed?: boolean;
};

const link = (config: Sandbox & Record<string, unknown>) =>
  `#/convolution?c=${lz.compressToEncodedURIComponent(JSON.stringify({ mode: 'sandbox', ...config }))}`;

/** The core reference for a sandbox config (PyTorch semantics; tested against PyTorch in unit tests). */
function reference(c: Sandbox): { shape: number[]; data: number[] } {
  const input3 = Array.isArray(c.input[0]![0])
    ? (c.input as number[][][])
    : [c.input as number[][]];
  const k = c.kernel as unknown[];
  const kernel4 = !Array.isArray((k[0] as unknown[])[0])
    ? [[c.kernel as number[][]]]
    : !Array.isArray(((k[0] as unknown[])[0] as unknown[])[0])
      ? [c.kernel as number[][][]]
      : (c.kernel as number[][][][]);
  const input = {
    data: Float32Array.from(input3.flat(2)),
    dims: [input3.length, input3[0]!.length, input3[0]![0]!.length],
  };
  const [co, ci, kh, kw] = [
    kernel4.length,
    kernel4[0]!.length,
    kernel4[0]![0]!.length,
    kernel4[0]![0]![0]!.length,
  ];
  const bias = Array.isArray(c.bias)
    ? c.bias
    : Array.from({ length: co }, () => (c.bias as number | undefined) ?? 0);
  const p = { stride: c.stride ?? 1, padding: c.padding ?? 0, dilation: c.dilation ?? 1 };
  let out;
  if (c.transposed) {
    // conv_transpose2d takes [Cin, Cout, kH, kW]; the sandbox's kernel is [Cout][Cin][kH][kW].
    const w = new Float32Array(co * ci * kh * kw);
    for (let o = 0; o < co; o++)
      for (let i = 0; i < ci; i++)
        for (let j = 0; j < kh * kw; j++)
          w[(i * co + o) * kh * kw + j] = kernel4[o]![i]!.flat()[j]!;
    out = convTranspose2d(input, { data: w, dims: [ci, co, kh, kw] }, bias, p);
  } else {
    out = conv2d(
      input,
      { data: Float32Array.from(kernel4.flat(3)), dims: [co, ci, kh, kw] },
      bias,
      p,
    );
  }
  return { shape: [...out.dims], data: Array.from(out.data) };
}

/** Every output cell the page shows, channel by channel, once ORT's numbers are in. */
async function shownOutput(page: Page, channels: number): Promise<number[]> {
  await expect(page.getByTestId('conv.sandbox.output-source')).toHaveAttribute(
    'data-source',
    'ort',
  );
  const values: number[] = [];
  for (let c = 0; c < channels; c++) {
    const prefix = c === 0 ? 'conv.sandbox.output.cell-' : `conv.sandbox.output-${c}.cell-`;
    const cells = page.locator(`[data-testid^="${prefix}"]`);
    values.push(
      ...(await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))))),
    );
  }
  return values;
}

const rnd = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.round(Math.sin(seed * 97 + i * 13.7) * 100) / 100);
const grid = (h: number, w: number, seed: number) =>
  Array.from({ length: h }, (_, r) => rnd(w, seed + r * 31));

test.describe('Convolution sandbox', () => {
  test('the article’s example: each product, and the sum 60', async ({ app, page }) => {
    await app.open();
    await page.getByTestId('conv.mode.sandbox').click();
    await expect(page.getByTestId('conv.sandbox.output.cell-0-0')).toHaveAttribute(
      'data-value',
      '60',
    );
    await expect(page.getByTestId('conv.sandbox.sum')).toContainText('60');
    const products = await page
      .locator('[data-testid^="conv.sandbox.products-0.cell-"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(products).toEqual([0, 2, 0, 8, 0, 18, 0, 32, 0]);
    // Back to the network and again to the sandbox: nothing is lost.
    await page.getByTestId('conv.mode.model').click();
    await expect(app.predictedLabel).toBeVisible();
  });

  const cases: [string, Sandbox][] = [
    [
      'stride 2, padding 1, dilation 2',
      {
        input: grid(7, 7, 1),
        kernel: grid(3, 3, 2),
        stride: 2,
        padding: 1,
        dilation: 2,
        bias: 0.5,
      },
    ],
    [
      '2 → 3 channels, 5×5 kernel',
      {
        input: [grid(8, 8, 3), grid(8, 8, 4)],
        kernel: [0, 1, 2].map((o) => [grid(5, 5, 5 + o), grid(5, 5, 9 + o)]),
        padding: 2,
        bias: [0.1, -0.2, 0.3],
      },
    ],
    [
      'transposed, stride 2, padding 1',
      { input: grid(4, 4, 6), kernel: grid(3, 3, 7), stride: 2, padding: 1, transposed: true },
    ],
    [
      '16×16 input, 7×7 kernel, stride 3',
      { input: grid(16, 16, 8), kernel: grid(7, 7, 9), stride: 3 },
    ],
  ];
  for (const [name, config] of cases) {
    test(`ORT's output equals the reference: ${name}`, async ({ app, page }) => {
      await app.open(link(config));
      const expected = reference(config);
      const [co, ho, wo] = expected.shape as [number, number, number];
      await expect(page.getByTestId('conv.sandbox.output-shape')).toHaveAttribute(
        'data-shape',
        `${co}x${ho}x${wo}`,
      );
      const shown = await shownOutput(page, co);
      expect(shown).toHaveLength(expected.data.length);
      shown.forEach((v, i) => expect(Math.abs(v - expected.data[i]!)).toBeLessThan(1e-4));
      await expect(page.getByTestId('conv.sandbox.mismatch')).toHaveCount(0);
    });
  }

  test('a teacher sets stride 2, padding 1, dilation 2: formula and animation agree', async ({
    app,
    page,
  }) => {
    await app.open(link({ input: grid(6, 6, 10), kernel: grid(3, 3, 11) }));
    await page.getByTestId('conv.sandbox.stride').selectOption('2');
    await page.getByTestId('conv.sandbox.padding').selectOption('1');
    await page.getByTestId('conv.sandbox.dilation').selectOption('2');
    // ⌊(6 + 2·1 − 2·(3−1) − 1)/2⌋ + 1 = 2
    await expect(page.getByTestId('conv.sandbox.formula.height')).toHaveAttribute(
      'data-value',
      '2',
    );
    await expect(page.getByTestId('conv.sandbox.formula.width')).toHaveAttribute('data-value', '2');
    await expect(page.getByTestId('conv.sandbox.step.count')).toHaveText('Step 1 of 4');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('conv.sandbox.step.count')).toHaveText('Step 4 of 4');
    const result = Number(await page.getByTestId('conv.sandbox.result').getAttribute('data-value'));
    const last = Number(
      await page.getByTestId('conv.sandbox.output.cell-1-1').getAttribute('data-value'),
    );
    expect(Math.abs(result - last)).toBeLessThan(1e-4);
    await expect(page).toHaveURL(/c=/);
  });

  test('a kernel wider than the padded input is explained, not drawn broken', async ({
    app,
    page,
  }) => {
    await app.open(link({ input: grid(3, 3, 12), kernel: grid(5, 5, 13) }));
    await expect(page.getByTestId('conv.sandbox.no-output')).toBeVisible();
    await expect(page.getByTestId('conv.sandbox.no-output')).toContainText('5');
  });

  test.describe('on the stage, at 1280 × 800', () => {
    test.use({ viewport: CLASSROOM });

    /** The formula's typeset text (the MathML, without Temml's TeX annotation), minus as '-'. */
    const mathText = (page: Page) =>
      page.getByTestId('conv.sandbox.step-formula').evaluate((el) =>
        [...el.querySelectorAll('math')]
          .map((m) => {
            const c = m.cloneNode(true) as Element;
            c.querySelectorAll('annotation').forEach((a) => a.remove());
            return c.textContent ?? '';
          })
          .join('')
          .replace(/\u2212/g, '-'),
      );

    test('the worked example: overview, large figure with legends, typeset formula = 60, stepper', async ({
      app,
      page,
    }) => {
      await app.open();
      await page.getByTestId('conv.mode.sandbox').click();
      await expect(page.getByTestId('conv.stage')).toBeVisible();
      await expectStageOnFirstScreen(page, 'conv', { stepper: 'conv.sandbox.step.next' });
      // The overview: input ⊛ kernel → output, the convolution lit as the current part.
      await expect(page.getByTestId('conv.sandbox.flow.node.conv')).toHaveAttribute(
        'data-current',
        'true',
      );
      await expect(page.getByTestId('conv.sandbox.flow.node.output')).toContainText('1×1×1');
      // The formula, typeset, with every product of the window and the sum 60.
      await expect(
        page.locator('[data-testid="conv.sandbox.step-formula"] math').first(),
      ).toBeVisible();
      await expect.poll(() => mathText(page)).toContain('0⋅1+1⋅2+0⋅3');
      expect(await mathText(page)).toMatch(/=60$/);
      await expect(page.getByTestId('conv.sandbox.result')).toHaveAttribute('data-value', '60');
      // Large: the window's cells are at least 48 px at this size, and each map has its legend.
      const cell = (await page.getByTestId('conv.sandbox.grid-0.cell-1-1').boundingBox())!;
      expect(cell.width).toBeGreaterThanOrEqual(48);
      expect(cell.height).toBeGreaterThanOrEqual(48);
      await expect(page.getByTestId('conv.sandbox.window').locator('.legend')).toHaveCount(3);
      await expectInViewport(page.getByTestId('conv.sandbox.output.cell-0-0'), 'output cell');
      // No number spills out of its cell: the figure's grids and the editors in the side column.
      await expectNoOverflow(page.getByTestId('conv.sandbox.window'), 'td');
      await expectNoOverflow(page.getByTestId('conv.stage.side'), 'td');
    });

    test('stepping by button and ArrowRight keeps the figure in view; the formula shows the reference numbers', async ({
      app,
      page,
    }) => {
      const config = {
        input: grid(6, 6, 10),
        kernel: grid(3, 3, 11),
        stride: 2,
        padding: 1,
        dilation: 2,
        bias: -0.25,
      };
      await app.open(link(config));
      const expected = reference(config);
      await expectStageOnFirstScreen(page, 'conv', { stepper: 'conv.sandbox.step.next' });
      const wo = expected.shape[2]!;
      const check = async (step: number) => {
        await expect(page.getByTestId('conv.sandbox.position')).toHaveAttribute(
          'data-step',
          String(step),
        );
        await expectInViewport(page.getByTestId('conv.stage.figure'), 'figure');
        await expectInViewport(page.getByTestId('conv.stage.formula'), 'formula');
        const want = expected.data[step]!;
        const shown = Number(
          await page.getByTestId('conv.sandbox.result').getAttribute('data-value'),
        );
        expect(Math.abs(shown - want)).toBeLessThan(1e-4);
        const text = await mathText(page);
        const [oy, ox] = [Math.floor(step / wo), step % wo];
        expect(text.startsWith(`y[${oy},${ox}]=`)).toBe(true);
        // The typeset result is the reference, to the 4 digits the figure shows.
        expect(text).toMatch(
          new RegExp(`=${String(Number(want.toPrecision(4))).replace('.', '\\.')}$`),
        );
        await expect(page.getByTestId(`conv.sandbox.output.cell-${oy}-${ox}`)).toHaveClass(
          /current/,
        );
        await expectNoOverflow(page.getByTestId('conv.sandbox.window'), 'td');
      };
      await check(0);
      await page.getByTestId('conv.sandbox.step.next').click();
      await check(1);
      await page.locator('main').focus();
      await page.keyboard.press('ArrowRight');
      await check(2);
      await page.keyboard.press('ArrowRight');
      await check(3);
      await page.keyboard.press('ArrowLeft');
      await check(2);
    });

    test('the shape formula is typeset with the user’s numbers, and only valid choices are offered', async ({
      app,
      page,
    }) => {
      await app.open(link({ input: grid(6, 6, 10), kernel: grid(3, 3, 11) }));
      await page.getByTestId('conv.sandbox.stride').selectOption('2');
      await page.getByTestId('conv.sandbox.padding').selectOption('1');
      await page.getByTestId('conv.sandbox.dilation').selectOption('2');
      const height = page.getByTestId('conv.sandbox.formula.height');
      await expect(height).toHaveAttribute('data-value', '2');
      await expect(height.locator('math')).toHaveCount(2);
      await expect(height.locator('math').first()).toBeVisible();
      await expect(height.locator('[data-tex]').last()).toHaveAttribute(
        'data-tex',
        /\\frac\{6 \+ 2\\cdot 1 - 2\\cdot\(3-1\) - 1\}\{2\}.*= \\mathbf\{2\}$/,
      );
      await expect(page.getByTestId('conv.sandbox.flow.node.output')).toContainText('1×2×2');
      // Transposed: (H−1)s − 2p + d(k−1) + 1 with the same numbers.
      await page.getByTestId('conv.sandbox.transposed').check();
      await expect(height).toHaveAttribute('data-value', String((6 - 1) * 2 - 2 + 2 * 2 + 1));
      await expect(height.locator('[data-tex]').last()).toHaveAttribute(
        'data-tex',
        /\(6-1\)\\cdot 2 - 2\\cdot 1 \+ 2\\cdot\(3-1\) \+ 1 = \\mathbf\{13\}$/,
      );

      // Three channels in and out, 16 × 16, transposed: stride 4 would be more multiply-adds
      // than the sandbox lays out, so it is not offered (no message with a field path).
      const big = {
        input: [grid(16, 16, 1), grid(16, 16, 2), grid(16, 16, 3)],
        kernel: [0, 1, 2].map((o) => [0, 1, 2].map((i) => grid(3, 3, 20 + o * 3 + i))),
        transposed: true,
      };
      await app.open(link(big));
      const stride = page.getByTestId('conv.sandbox.stride');
      await expect(stride.locator('option[value="3"]')).toBeEnabled();
      await expect(stride.locator('option[value="4"]')).toBeDisabled();
      await expect(page.getByTestId('conv.sandbox.problem')).toHaveCount(0);
    });

    test('the overview chooses the part the figure shows: activation, pooling, the window', async ({
      app,
      page,
    }) => {
      await app.open(link({ input: grid(6, 6, 10), kernel: grid(3, 3, 11) }));
      await page.getByTestId('conv.sandbox.activation').selectOption('relu');
      // Turning it on shows it, lit in the overview, with a ReLU(y) formula of the same cell.
      await expect(page.getByTestId('conv.sandbox.flow.node.act')).toHaveAttribute(
        'data-current',
        'true',
      );
      await expect(page.getByTestId('conv.sandbox.curve')).toBeVisible();
      const y = Number(await page.getByTestId('conv.sandbox.result').getAttribute('data-value'));
      await expect(page.getByTestId('conv.sandbox.activation-formula')).toHaveAttribute(
        'data-value',
        String(Math.fround(Math.max(0, y))),
      );
      await expectInViewport(page.getByTestId('conv.sandbox.act.cell-0-0'), 'activated map');
      // Back to the window with the keyboard, on the overview's box.
      await page.getByTestId('conv.sandbox.flow.node.conv').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('conv.sandbox.window')).toBeVisible();
      await expect(page.getByTestId('conv.sandbox.flow.node.conv')).toHaveAttribute(
        'data-current',
        'true',
      );
    });
  });
});
