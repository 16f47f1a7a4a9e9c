import { readFileSync } from 'node:fs';
import lz from 'lz-string';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';

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

    await page.getByTestId('export.button').click();
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

    await page.getByTestId('export.button').click();
    const options = await page
      .getByTestId('export.data')
      .locator('option')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const output = options.find((o) => /^Output 1/.test(o));
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
      await page.getByTestId('export.button').click();
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
});
