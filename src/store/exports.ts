/**
 * Data a lesson offers for export (CSV / JSON), beside what the export menu reads from the
 * DOM on its own (tables and lists whose cells carry `data-value`). A lesson registers a
 * provider while a view is mounted; the provider is called only when the user exports, so
 * it may build its arrays then:
 *
 *   useRegisterExport('attention-weights', () => ({ json: { weights }, csv: toCsv(weights) }));
 *
 * Figures (PNG / SVG) need no registration: mark the element with `data-export="name"`.
 */
import { useEffect, useRef } from 'react';

export interface ExportData {
  /** Any JSON value: the numbers the view shows, as plain arrays. */
  json: unknown;
  /** A CSV of the same numbers; made from `json` by `toCsv` when omitted and possible. */
  csv?: string;
}

export type ExportProvider = () => ExportData;

const providers = new Map<string, ExportProvider>();

/** Registers a named data export; returns the function that removes it. */
export function registerExport(name: string, provider: ExportProvider): () => void {
  providers.set(name, provider);
  return () => {
    if (providers.get(name) === provider) providers.delete(name);
  };
}

/** The registered exports, in registration order. */
export function registeredExports(): { name: string; provider: ExportProvider }[] {
  return [...providers].map(([name, provider]) => ({ name, provider }));
}

/**
 * Registers an export while the calling component is mounted. The latest `provider` is used
 * (no need to memoize it), so it always reads the view's current numbers.
 */
export function useRegisterExport(name: string, provider: ExportProvider): void {
  const latest = useRef(provider);
  useEffect(() => {
    latest.current = provider;
  });
  useEffect(() => registerExport(name, () => latest.current()), [name]);
}

type Cell = number | string | null | undefined;

const csvCell = (v: Cell): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * CSV (RFC 4180, `\n` line ends) of a vector (one value per line), a matrix (one row per line)
 * or rows of mixed cells; numbers are written in full (`String(v)`, so -Infinity stays readable).
 */
export function toCsv(
  rows: readonly Cell[] | readonly (readonly Cell[])[],
  header?: readonly string[],
): string {
  const lines: string[] = [];
  if (header) lines.push(header.map(csvCell).join(','));
  for (const row of rows) {
    lines.push(
      Array.isArray(row) ? (row as readonly Cell[]).map(csvCell).join(',') : csvCell(row as Cell),
    );
  }
  return `${lines.join('\n')}\n`;
}
