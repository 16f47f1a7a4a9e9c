import { useEffect, useState } from 'react';
import 'temml/dist/Temml-Local.css';
import type TemmlModule from 'temml';
import { formatValue } from './format';

/**
 * Typeset mathematics: TeX in, MathML out, through Temml (MathML is drawn by the browser
 * itself, so there are no math fonts or layout code to ship; Temml's chunk is fetched the first
 * time a formula is shown and never blocks the first screen). Until it has loaded, the
 * formula's plain-text reading is shown in its place.
 */
type Temml = typeof TemmlModule;
let temml: Temml | null = null;
let loading: Promise<Temml> | null = null;

function loadTemml(): Promise<Temml> {
  loading ??= import('temml').then((m) => (temml = m.default));
  return loading;
}

/** Renders TeX to a MathML string (null before Temml has loaded). Exposed for tests. */
export function renderTex(tex: string, display: boolean): string | null {
  if (!temml) return null;
  return temml.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    // \href, \html… stay off: formulas carry user text (token labels).
    trust: false,
    annotate: true,
  });
}

/** Loads the typesetter (tests in Node call this before renderTex). */
export const ensureTemml = loadTemml;

/**
 * Escapes a user-supplied string (a token, a label) for use inside `\text{…}`, so characters
 * such as `{`, `\`, `_` or `%` are shown, never interpreted.
 */
export function texText(s: string): string {
  return s.replace(/[\\{}$&#^_%~]/g, (c) =>
    c === '\\'
      ? '\\textbackslash{}'
      : c === '^'
        ? '\\textasciicircum{}'
        : c === '~'
          ? '\\textasciitilde{}'
          : `\\${c}`,
  );
}

/** A number for TeX, read as formatValue shows it: −∞/∞/NaN as symbols, 1e-5 as 1 × 10⁻⁵. */
export function texNum(v: number, digits = 3): string {
  if (Number.isNaN(v)) return '\\mathrm{NaN}';
  if (v === Infinity) return '\\infty';
  if (v === -Infinity) return '-\\infty';
  const s = formatValue(v, digits);
  const [m, e] = s.split('e');
  return e === undefined ? s : `${m}\\times 10^{${Number(e)}}`;
}

export interface FormulaProps {
  /** The formula in TeX. */
  tex: string;
  /** Display (block) style: larger, centred. */
  display?: boolean;
  /** What a screen reader and the loading fallback say; Temml's annotation is used otherwise. */
  label?: string;
  testId?: string;
  className?: string;
}

export function Formula({ tex, display = false, label, testId, className }: FormulaProps) {
  const [ready, setReady] = useState(temml !== null);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadTemml().then(
      () => live && setReady(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ready]);
  const html = ready ? renderTex(tex, display) : null;
  const cls = ['formula', display ? 'formula-display' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  if (html === null) {
    return (
      <span className={`${cls} formula-loading`} data-testid={testId} data-tex={tex}>
        {label ?? tex}
      </span>
    );
  }
  return (
    <span
      className={cls}
      data-testid={testId}
      data-tex={tex}
      aria-label={label}
      role={label ? 'math' : undefined}
      // Temml escapes every text it is given and `trust` is off: the markup is MathML only.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
