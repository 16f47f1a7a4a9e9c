/**
 * Finds what the current view can export, generically over lessons: no lesson is imported.
 *
 * Figures (PNG / SVG): the whole lesson view; the stage's current step (its title, formula
 * and figure); every element marked `data-export="name"` (optionally `data-export-label="…"`);
 * and, until a lesson marks its own, each `.panel` or open stage side panel with a heading
 * (named by the heading or the panel's summary).
 * Numbers (CSV / JSON): the providers registered with `registerExport` (store/exports.ts),
 * then every table whose cells carry `data-value` (a matrix, e.g. viz/MatrixGrid) and every
 * list whose items carry `data-value` (a vector, e.g. viz/BarChart), named by their
 * aria-label. `data-value` holds the exact number the cell shows rounded.
 */
import { registeredExports, toCsv, type ExportData } from '../../store/exports';

export interface Figure {
  id: string;
  label: string;
  element: Element;
}

export interface DataItem {
  id: string;
  label: string;
  get: () => ExportData;
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'figure';

/** Makes ids unique: a second "prediction" becomes "prediction-2". */
function uniqueIds<T extends { id: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = (seen.get(item.id) ?? 0) + 1;
    seen.set(item.id, n);
    return n === 1 ? item : { ...item, id: `${item.id}-${n}` };
  });
}

const visible = (el: Element) =>
  !(el instanceof HTMLElement) || el.offsetParent !== null || el.getClientRects().length > 0;

const headingOf = (el: Element) =>
  el.querySelector('h1, h2, h3, summary')?.textContent?.trim() ??
  el.getAttribute('aria-label') ??
  '';

/** The exportable figures under `root` (the app's <main>), the whole view first. */
export function collectFigures(root: Element, wholeLabel: string): Figure[] {
  const view = root.querySelector('.lesson') ?? root;
  const figures: Figure[] = [{ id: 'view', label: wholeLabel, element: view }];
  const step = root.querySelector('.stage-focus');
  const stepTitle = step?.querySelector('.stage-title')?.textContent?.trim();
  if (step && visible(step) && stepTitle)
    figures.push({ id: 'step', label: stepTitle, element: step });
  const marked = [...root.querySelectorAll('[data-export]')].filter(visible);
  const panels = marked.length
    ? []
    : [...root.querySelectorAll('.panel, .stage-panel[open]')].filter(
        (p) => visible(p) && headingOf(p),
      );
  for (const el of [...marked, ...panels]) {
    const name = el.getAttribute('data-export') ?? '';
    const label = el.getAttribute('data-export-label') ?? (headingOf(el) || name);
    figures.push({ id: slug(name || label), label, element: el });
  }
  return uniqueIds(figures);
}

/** `data-value` as a number; "Infinity", "-Infinity" and "NaN" read as such. */
const valueOf = (el: Element) => Number(el.getAttribute('data-value'));

/** JSON has no ±Infinity or NaN: those are written as the strings "Infinity", "-Infinity", "NaN". */
export const jsonNumber = (v: number): number | string => (Number.isFinite(v) ? v : String(v));

function tableData(table: Element): { json: unknown; csv: string } | null {
  const rows = [...table.querySelectorAll('tr')]
    .map((tr) => [...tr.querySelectorAll('[data-value]')].map(valueOf))
    .filter((r) => r.length > 0);
  if (rows.length === 0) return null;
  return {
    json: { shape: [rows.length, rows[0]!.length], values: rows.map((r) => r.map(jsonNumber)) },
    csv: toCsv(rows),
  };
}

function listData(list: Element): { json: unknown; csv: string } | null {
  const items = [...list.children].filter((li) => li.hasAttribute('data-value'));
  if (items.length === 0) return null;
  const values = items.map(valueOf);
  const labels = items.map(
    (li, i) => li.querySelector('.bar-label')?.textContent?.trim() || String(i),
  );
  return {
    json: { shape: [values.length], labels, values: values.map(jsonNumber) },
    csv: toCsv(
      values.map((v, i) => [labels[i]!, v]),
      ['label', 'value'],
    ),
  };
}

const labelOf = (el: Element, fallback: string) =>
  el.getAttribute('aria-label')?.trim() ||
  el.closest('[data-export]')?.getAttribute('data-export') ||
  headingOf(el.closest('.panel, .stage-panel') ?? el) ||
  fallback;

/** The numbers under `root` that can be exported, registered ones first. */
export function collectData(root: Element): DataItem[] {
  const items: DataItem[] = registeredExports().map(({ name, provider }) => ({
    id: slug(name),
    label: name,
    get: () => {
      const data = provider();
      return { json: data.json, csv: data.csv ?? csvOf(data.json) };
    },
  }));
  const tables = [...root.querySelectorAll('table')].filter(
    (t) => visible(t) && t.querySelector('[data-value]'),
  );
  tables.forEach((t, i) => {
    const label = labelOf(t, `matrix ${i + 1}`);
    items.push({ id: slug(label), label, get: () => tableData(t) ?? { json: null, csv: '' } });
  });
  const lists = [...root.querySelectorAll('ol, ul')].filter(
    (l) => visible(l) && [...l.children].some((c) => c.hasAttribute('data-value')),
  );
  lists.forEach((l, i) => {
    const label = labelOf(l, `values ${i + 1}`);
    items.push({ id: slug(label), label, get: () => listData(l) ?? { json: null, csv: '' } });
  });
  return uniqueIds(items);
}

/** A CSV for JSON that is a vector, a matrix, or an object holding one under `values`. */
export function csvOf(json: unknown): string {
  const v =
    typeof json === 'object' && json !== null && !Array.isArray(json) && 'values' in json
      ? json.values
      : json;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'string'))
    return toCsv(v);
  if (Array.isArray(v) && v.every((r) => Array.isArray(r)))
    return toCsv(v as (number | string)[][]);
  return '';
}
