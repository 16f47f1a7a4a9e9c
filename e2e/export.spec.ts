import { readFileSync } from 'node:fs';
import lz from 'lz-string';
import { trainDefaults } from '../src/lessons/gan/train/config';
import type { Download, Page } from '@playwright/test';
import { expect, openTool, test } from './fixtures';

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function exportFile(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Parses SVG text in the page with DOMParser: the root's name, or the parser's error. */
const parseSvg = (page: Page, text: string) =>
  page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    return error ? `error: ${error.textContent}` : doc.documentElement.nodeName;
  }, text);

/** A CSV of numbers (and optional label column) as rows of cells. */
const parseCsv = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split(','));

/** RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks) as rows of cells. */
function parseQuotedCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

test.describe('Export', () => {
  test('the model view as PNG and SVG, and its probabilities as CSV and JSON', async ({
    app,
    page,
  }) => {
    await app.open('#/convolution');
    await app.pickSample(3);
    await expect(app.predictedLabel).toHaveAttribute('data-digit', '3');
    await app.settled();
    const shown = await app.probabilities();

    await openTool(page, 'export.button');
    await expect(page.getByTestId('export.dialog')).toBeVisible();

    // The whole view as PNG: a real PNG of a real size.
    const png = await exportFile(page, 'export.png');
    expect(png.name).toBe('glassbox-convolution-view.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const width = png.bytes.readUInt32BE(16);
    const height = png.bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(300);

    // As SVG: well-formed, with an <svg> root.
    const svg = await exportFile(page, 'export.svg');
    expect(svg.name).toBe('glassbox-convolution-view.svg');
    expect(await parseSvg(page, svg.bytes.toString('utf8'))).toBe('svg');

    // A panel on its own (figures are listed by their headings).
    await page.getByTestId('export.figure').selectOption({ label: 'Prediction' });
    const panelPng = await exportFile(page, 'export.png');
    expect(panelPng.name).toBe('glassbox-convolution-prediction.png');
    expect([...panelPng.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);

    // The probabilities: the numbers the bars show, exactly.
    await page.getByTestId('export.data').selectOption({ label: 'Prediction' });
    const json = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      lesson: string;
      shape: number[];
      labels: string[];
      values: number[];
    };
    expect(json.lesson).toBe('convolution');
    expect(json.shape).toEqual([10]);
    expect(json.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(json.values).toEqual(shown);
    const csv = parseCsv((await exportFile(page, 'export.csv')).bytes.toString('utf8'));
    expect(csv[0]).toEqual(['label', 'value']);
    expect(csv.slice(1).map((r) => r[0])).toEqual(json.labels);
    expect(csv.slice(1).map((r) => Number(r[1]))).toEqual(shown);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('export.dialog')).toBeHidden();
  });

  test('the sandbox’s output matrix as CSV and JSON, and a canvas-free SVG', async ({
    app,
    page,
  }) => {
    const config = {
      mode: 'sandbox',
      input: [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
        [13, 14, 15, 16],
      ],
      kernel: [
        [1, -1],
        [0.5, 2],
      ],
      stride: 2,
    };
    await app.open(`#/convolution?c=${lz.compressToEncodedURIComponent(JSON.stringify(config))}`);
    const cells = page.locator('[data-testid^="conv.sandbox.output.cell-"]');
    await expect(cells).toHaveCount(4);
    const shown = await cells.evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-value'))),
    );
    // Cross-correlation with stride 2: the first window is 1·1 − 2 + 0.5·5 + 2·6 = 13.5.
    expect(shown[0]).toBe(13.5);

    await openTool(page, 'export.button');
    const options = await page
      .getByTestId('export.data')
      .locator('option')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const output = options.find((o) => /^Output( 1)? \(/.test(o));
    expect(output, `an output matrix among ${options.join(' | ')}`).toBeTruthy();
    await page.getByTestId('export.data').selectOption({ label: output! });
    const json = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      shape: number[];
      values: number[][];
    };
    expect(json.shape).toEqual([2, 2]);
    expect(json.values.flat()).toEqual(shown);
    const csv = parseCsv((await exportFile(page, 'export.csv')).bytes.toString('utf8'));
    expect(csv.map((r) => r.map(Number))).toEqual(json.values);

    const svg = await exportFile(page, 'export.svg');
    expect(await parseSvg(page, svg.bytes.toString('utf8'))).toBe('svg');
  });

  for (const lesson of ['attention', 'gan'] as const) {
    test(`the ${lesson} lesson exports too: a PNG of the view, and its numbers parse`, async ({
      app,
      page,
    }) => {
      await app.open(`#/${lesson}`);
      await expect(page.locator('main .lesson')).toBeVisible();
      // Registered numbers exist once the view has drawn them.
      if (lesson === 'attention')
        await expect(page.getByTestId('attention.model.steps')).toHaveAttribute(
          'aria-busy',
          'false',
          { timeout: 90_000 },
        );
      else {
        // Software WebGPU compiles the view graph's shaders before the first picture.
        test.setTimeout(240_000);
        await expect(page.getByTestId('gan.train')).toHaveAttribute('data-phase', 'ready', {
          timeout: 60_000,
        });
        await expect
          .poll(
            async () =>
              Number(await page.getByTestId('gan.train.distance').getAttribute('data-value')),
            { timeout: 120_000 },
          )
          .toBeGreaterThan(0);
      }
      await openTool(page, 'export.button');
      const png = await exportFile(page, 'export.png');
      expect(png.name).toBe(`glassbox-${lesson}-view.png`);
      expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      const data = page.getByTestId('export.data');
      if ((await data.count()) > 0) {
        const json = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
          lesson: string;
        };
        expect(json.lesson).toBe(lesson);
        const csv = (await exportFile(page, 'export.csv')).bytes.toString('utf8');
        expect(csv.trim().length).toBeGreaterThan(0);
      }
    });
  }

  test('the attention model view: weights, the step’s matrices and the next-token distribution', async ({
    app,
    page,
  }) => {
    await app.open('#/attention');
    const steps = page.getByTestId('attention.model.steps');
    await expect(steps).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
    // The weights step (index 6): its matrix is drawn on a canvas, its numbers in data-values.
    await page.getByTestId('attention.model.step.scrub').fill('6');
    await expect(page.getByTestId('attention.model.step.title')).toHaveText(
      'Softmax: attention weights',
    );
    const layer = Number(await page.getByTestId('attention.model.layer').inputValue());
    const head = Number(await page.getByTestId('attention.model.head').inputValue());
    const name = `l${layer}.h${head}.weights`;
    const shownWeights = (
      JSON.parse(
        (await page.getByTestId(`attention.model.m.${name}`).getAttribute('data-values')) ?? '[]',
      ) as number[]
    ).map(Number);
    expect(shownWeights.length).toBeGreaterThan(0);

    await openTool(page, 'export.button');
    // The canvas matrices are figures of their own.
    const figures = await page
      .getByTestId('export.figure')
      .locator('option')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(figures.some((f) => f.startsWith('Attention weights'))).toBe(true);
    const data = page.getByTestId('export.data');

    await data.selectOption({ label: 'Attention weights (selected head)' });
    const weights = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      lesson: string;
      layer: number;
      head: number;
      tokens: string[];
      shape: number[];
      values: number[][];
    };
    expect(weights.lesson).toBe('attention');
    expect([weights.layer, weights.head]).toEqual([layer, head]);
    const n = weights.tokens.length;
    expect(weights.shape).toEqual([n, n]);
    expect(weights.values.flat()).toEqual(shownWeights);
    for (const row of weights.values) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const weightsCsv = parseCsv((await exportFile(page, 'export.csv')).bytes.toString('utf8'));
    expect(weightsCsv.map((r) => r.map(Number))).toEqual(weights.values);

    await data.selectOption({ label: 'Matrices of this step' });
    const step = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      step: string;
      matrices: Record<string, { shape: number[]; values: (number | string)[][] }>;
    };
    expect(step.step).toBe('weights');
    expect(Object.keys(step.matrices)).toEqual([`l${layer}.h${head}.masked`, name]);
    expect(step.matrices[name]!.values.flat()).toEqual(shownWeights);
    const masked = (
      JSON.parse(
        (await page
          .getByTestId(`attention.model.m.l${layer}.h${head}.masked`)
          .getAttribute('data-values')) ?? '[]',
      ) as (number | string)[]
    ).map(String);
    expect(step.matrices[`l${layer}.h${head}.masked`]!.values.flat().map(String)).toEqual(masked);

    await data.selectOption({ label: 'Next-token distribution (whole vocabulary)' });
    const next = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      labels: string[];
      values: number[];
    };
    expect(next.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const ids = (
      (await page.getByTestId('attention.model.next.entropy').getAttribute('data-ids')) ?? ''
    )
      .split(',')
      .map(Number);
    const bars = (
      await page
        .locator('[data-testid^="attention.model.next.bar-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))
    )
      .map(Number)
      .filter((v) => v > 0);
    expect(ids.map((i) => next.values[i])).toEqual(bars);
    // Tokens may be "," or a line break: quoted (RFC 4180), so read with a quoting parser.
    const nextCsv = parseQuotedCsv((await exportFile(page, 'export.csv')).bytes.toString('utf8'));
    expect(nextCsv[0]).toEqual(['token', 'probability', 'logit']);
    expect(nextCsv.slice(1).map((r) => r[0])).toEqual(next.labels);
    expect(nextCsv.slice(1).map((r) => Number(r[1]))).toEqual(next.values);
  });

  test('the GAN playground: samples, loss history and D’s grid equal what the view shows', async ({
    app,
    page,
  }) => {
    const config = { ...trainDefaults, seed: 5 };
    await app.open(`#/gan?c=${lz.compressToEncodedURIComponent(JSON.stringify(config))}`);
    const view = page.getByTestId('gan.train');
    await expect(view).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
    const shown = async (id: string) =>
      Number(await page.getByTestId(`gan.train.${id}`).getAttribute('data-value'));
    for (let i = 1; i <= 3; i++) {
      await page.getByTestId('gan.train.step').click();
      await expect.poll(() => shown('steps')).toBe(i);
    }

    await openTool(page, 'export.button');
    const data = page.getByTestId('export.data');
    await data.selectOption({ label: 'Loss history' });
    const history = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      lesson: string;
      latest: Record<string, number>;
      step: number[];
      lossD: number[];
      lossG: number[];
    };
    expect(history.lesson).toBe('gan');
    for (const k of ['steps', 'stepsD', 'lossD', 'lossG', 'meanDReal', 'meanDFake', 'distance'])
      expect(history.latest[k], k).toBe(await shown(k));
    expect(history.step.length).toBeGreaterThanOrEqual(3);
    expect(history.step[history.step.length - 1]).toBe(3);
    expect(history.lossD.every(Number.isFinite)).toBe(true);
    const historyCsv = parseCsv((await exportFile(page, 'export.csv')).bytes.toString('utf8'));
    expect(historyCsv[0]).toEqual(['step', 'lossD', 'lossG', 'meanDReal', 'meanDFake']);
    expect(historyCsv.slice(1).map((r) => Number(r[1]))).toEqual(history.lossD);

    await data.selectOption({ label: 'Real and fake samples' });
    const samples = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      steps: number;
      real: number[][];
      fake: number[][];
    };
    expect(samples.steps).toBe(3);
    expect(samples.real.length).toBeGreaterThan(0);
    expect(samples.fake.length).toBeGreaterThan(0);
    for (const p of [...samples.real, ...samples.fake]) {
      expect(p).toHaveLength(2);
      expect(p.every(Number.isFinite)).toBe(true);
    }
    const samplesCsv = parseCsv((await exportFile(page, 'export.csv')).bytes.toString('utf8'));
    expect(samplesCsv.length).toBe(1 + samples.real.length + samples.fake.length);
    expect(samplesCsv[1]!.slice(1).map(Number)).toEqual(samples.real[0]);

    await data.selectOption({ label: 'D over the plane' });
    const grid = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      shape: number[];
      values: number[][];
    };
    const [rows, cols] = grid.shape as [number, number];
    expect(rows).toBe(cols);
    expect(grid.values).toHaveLength(rows);
    for (const row of grid.values) {
      expect(row).toHaveLength(cols);
      for (const v of row) expect(v).toBeGreaterThanOrEqual(0);
    }

    // The plane and the charts are figures; the plane exports as a real PNG.
    await page.getByTestId('export.figure').selectOption({ value: 'gan-plane' });
    const png = await exportFile(page, 'export.png');
    expect(png.name).toBe('glassbox-gan-gan-plane.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  test('the digits view: every image with its z and D score, as JSON and CSV', async ({
    app,
    page,
  }) => {
    const c = lz.compressToEncodedURIComponent(JSON.stringify({ mode: 'digits' }));
    await app.open(`#/gan?c=${c}`);
    await expect(page.getByTestId('gan.digits')).toHaveAttribute('aria-busy', 'false', {
      timeout: 90_000,
    });
    const selectedScore = Number(
      await page.getByTestId('gan.digits.selected').getAttribute('data-score'),
    );
    await openTool(page, 'export.button');
    await page.getByTestId('export.data').selectOption({ label: 'Generated digits and D scores' });
    const json = JSON.parse((await exportFile(page, 'export.json')).bytes.toString('utf8')) as {
      grid: { z: number[]; score: number; image: number[][] }[];
      selected: { score: number; image: number[][] };
    };
    expect(json.grid.length).toBeGreaterThan(0);
    expect(json.selected.score).toBe(selectedScore);
    expect(json.selected.image).toHaveLength(28);
    for (const row of json.selected.image) {
      expect(row).toHaveLength(28);
      for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
    }
    const csv = (await exportFile(page, 'export.csv')).bytes.toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('image,index,score');
    expect(csv).toContain(`selected,0,${selectedScore}`);
    expect(csv.filter((l) => l.startsWith('grid,'))).toHaveLength(json.grid.length);
  });
});
