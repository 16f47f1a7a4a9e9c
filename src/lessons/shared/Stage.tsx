import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import './stage.css';

/**
 * The one stage every lesson view is laid out on. At 1280 × 800 its first screen holds a
 * compact bar (input, stepper), the overview diagram ("you are here"), the current step —
 * its title, typeset formula and large figure with its legend — and, beside it, a side
 * column of secondary panels that scrolls on its own and never pushes the stage down. On a
 * phone held upright the parts stack (bar, overview, step, panels). Lessons supply the
 * content, never the layout.
 *
 * Whenever `focusKey` changes (a step, a tour step, a classroom key, a click on a unit), the
 * step is brought into view: smoothly, or at once under `prefers-reduced-motion`.
 */
export interface StageProps {
  /** Test ids: `${id}.stage`, `${id}.stage.overview`, `.figure`, `.formula`, `.bar`, `.side`. */
  id: string;
  /** Accessible name of the stage region. */
  label: string;
  bar?: ReactNode;
  overview?: ReactNode;
  /** The current step's name. */
  title?: ReactNode;
  /** Its formula(s), typeset, with the live numbers. */
  formula?: ReactNode;
  /** A sentence or two saying what the step does. */
  caption?: ReactNode;
  /** The current step's figure (with its colour legend), as large as the stage allows. */
  figure: ReactNode;
  /** Secondary panels (StagePanel), beside the stage on wide screens, below it on phones. */
  side?: ReactNode;
  /** Changing it brings the step's figure into view. */
  focusKey?: unknown;
  /** Extra class names (e.g. a lesson's own figure sizing). */
  className?: string;
  busy?: boolean;
}

export function Stage({
  id,
  label,
  bar,
  overview,
  title,
  formula,
  caption,
  figure,
  side,
  focusKey,
  className,
  busy,
}: StageProps) {
  const root = useRef<HTMLDivElement>(null);
  const focus = useRef<HTMLDivElement>(null);

  // The stage fills the window below where it starts (header, notices, lesson title).
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const measure = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      el.style.setProperty('--stage-top', `${Math.round(top)}px`);
    };
    measure();
    const ro = new ResizeObserver(measure);
    const parent = el.parentElement;
    if (parent) ro.observe(parent);
    const header = document.querySelector('.app-header');
    if (header) ro.observe(header);
    window.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, []);

  useFocusFollow(focus, focusKey);

  return (
    <div
      ref={root}
      className={['stage', className ?? ''].filter(Boolean).join(' ')}
      role="region"
      aria-label={label}
      aria-busy={busy || undefined}
      data-testid={`${id}.stage`}
    >
      {bar && (
        <div className="stage-bar" data-testid={`${id}.stage.bar`}>
          {bar}
        </div>
      )}
      {overview && (
        <div className="stage-overview" data-testid={`${id}.stage.overview`}>
          {overview}
        </div>
      )}
      <div className="stage-focus" ref={focus} data-testid={`${id}.stage.focus`}>
        {(title || formula || caption) && (
          <div className="stage-head">
            {title && <h2 className="stage-title">{title}</h2>}
            {formula && (
              <div className="stage-formula" data-testid={`${id}.stage.formula`}>
                {formula}
              </div>
            )}
            {caption && <div className="stage-caption">{caption}</div>}
          </div>
        )}
        <div className="stage-figure" data-testid={`${id}.stage.figure`}>
          {figure}
        </div>
      </div>
      {side && (
        <aside className="stage-side" data-testid={`${id}.stage.side`}>
          {side}
        </aside>
      )}
    </div>
  );
}

/** A secondary panel in the stage's side column: a titled drawer that opens and closes. */
export function StagePanel({
  title,
  children,
  defaultOpen = true,
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  defaultOpen?: boolean;
  testId?: string;
}) {
  return (
    <details className="stage-panel" open={defaultOpen} data-testid={testId}>
      <summary>{title}</summary>
      <div className="stage-panel-body">{children}</div>
    </details>
  );
}

/** Whether the user asked for less motion. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * Scrolls an element into the viewport if it is not wholly inside it: smoothly, or at once
 * when the user prefers reduced motion. The smallest scroll that shows it (`nearest`), so a
 * reader never loses their place; an element taller than the window is aligned at its top.
 */
export function bringIntoView(el: Element | null): void {
  if (!el) return;
  const r = el.getBoundingClientRect();
  const vh = window.innerHeight;
  const vw = window.innerWidth;
  if (r.top >= 0 && r.bottom <= vh && r.left >= 0 && r.right <= vw) return;
  el.scrollIntoView({
    behavior: prefersReducedMotion() ? 'auto' : 'smooth',
    block: r.height > vh ? 'start' : 'nearest',
    inline: 'nearest',
  });
}

/** Brings `ref`'s element into view whenever `key` changes (not on the first render). */
export function useFocusFollow(ref: React.RefObject<Element | null>, key: unknown): void {
  const first = useRef(true);
  const serial = JSON.stringify(key ?? null);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // After the new step has been drawn (layout may change with it).
    const raf = requestAnimationFrame(() => bringIntoView(ref.current));
    return () => cancelAnimationFrame(raf);
  }, [serial, ref]);
}
