/**
 * Layout checks for the lesson stage, from the DOM boxes the browser computed: what must be on
 * the first screen, what must be in view after a step, and that labels and numbers never
 * collide or spill out of their cells. Shared by every lesson's spec.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The classroom screen the stage is designed for. */
export const CLASSROOM = { width: 1280, height: 800 };

/** Asserts the locator's box lies wholly inside the viewport (1 px slack for rounding). */
export async function expectInViewport(target: Locator, what = 'element'): Promise<void> {
  await expect(target).toBeVisible();
  // Smooth scrolling may still be moving: poll until the box is inside.
  await expect
    .poll(
      async () => {
        const box = await target.boundingBox();
        const vp = target.page().viewportSize();
        if (!box || !vp) return `${what}: no box`;
        const inside =
          box.x >= -1 &&
          box.y >= -1 &&
          box.x + box.width <= vp.width + 1 &&
          box.y + box.height <= vp.height + 1;
        return inside
          ? 'inside'
          : `${what} at ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)} outside ${vp.width}×${vp.height}`;
      },
      { timeout: 5_000 },
    )
    .toBe('inside');
}

/**
 * The stage's parts all on the first screen with nothing scrolled: overview, figure, formula
 * and stepper (`stepper` is a test id inside the stage's bar; pass null for views without).
 */
export async function expectStageOnFirstScreen(
  page: Page,
  id: string,
  {
    stepper,
    formula = true,
    overview = true,
  }: { stepper: string | null; formula?: boolean; overview?: boolean },
): Promise<void> {
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  if (overview) await expectInViewport(page.getByTestId(`${id}.stage.overview`), 'overview');
  await expectInViewport(page.getByTestId(`${id}.stage.figure`), 'figure');
  if (formula) await expectInViewport(page.getByTestId(`${id}.stage.formula`), 'formula');
  if (stepper) await expectInViewport(page.getByTestId(stepper), 'stepper');
}

interface Box {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Visible text boxes of the elements matched by `selector` under `root` (text only, not padding). */
async function textBoxes(root: Locator, selector: string): Promise<Box[]> {
  return root.evaluate((el, sel) => {
    const out: { text: string; x: number; y: number; w: number; h: number }[] = [];
    for (const node of el.querySelectorAll(sel)) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      const style = getComputedStyle(node as Element);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      out.push({ text: node.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height });
    }
    return out;
  }, selector);
}

/** No two labels (axis ticks, row and column labels) matched by `selector` overlap. */
export async function expectNoOverlaps(root: Locator, selector: string): Promise<void> {
  const boxes = await textBoxes(root, selector);
  const clashes: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox > 1 && oy > 1) clashes.push(`"${a.text}" × "${b.text}"`);
    }
  }
  expect(clashes, `overlapping labels (${selector})`).toEqual([]);
}

/** No text inside the cells matched by `selector` spills out of its cell's box. */
export async function expectNoOverflow(root: Locator, selector: string): Promise<void> {
  const spills = await root.evaluate((el, sel) => {
    const out: string[] = [];
    for (const cell of el.querySelectorAll(sel)) {
      const c = cell.getBoundingClientRect();
      if (c.width === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const r = range.getBoundingClientRect();
      if (r.width === 0) continue;
      if (
        r.left < c.left - 1 ||
        r.right > c.right + 1 ||
        r.top < c.top - 1 ||
        r.bottom > c.bottom + 1
      )
        out.push(
          `"${cell.textContent}" ${Math.round(r.width)}×${Math.round(r.height)} in ${Math.round(c.width)}×${Math.round(c.height)}`,
        );
    }
    return out;
  }, selector);
  expect(spills, `text overflowing its cell (${selector})`).toEqual([]);
}
