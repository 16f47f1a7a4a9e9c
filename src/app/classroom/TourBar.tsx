import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store';
import { localize } from '../../store/tour';
import { Formula } from '../../viz/Formula';
import { splitCaption } from './captionMath';
import { exitTour, goToTourStep, tourLink } from './tourPlayer';

/** A caption's text, with `$…$` typeset as formulas (the text itself is only ever text). */
export function TourCaption({ caption }: { caption: string }) {
  return splitCaption(caption).map((p, i) =>
    p.kind === 'text' ? p.text : <Formula key={i} tex={p.tex} className="tour-math" />,
  );
}

/**
 * Keeps `--tour-bar-h` on the root element at the bar's height while it is shown, so the
 * lesson's stage ends above the bar instead of under it.
 */
function useBarHeight(ref: React.RefObject<HTMLElement | null>, shown: boolean) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !shown) return undefined;
    const root = document.documentElement;
    const measure = () => root.style.setProperty('--tour-bar-h', `${Math.ceil(el.offsetHeight)}px`);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => {
      ro.disconnect();
      root.style.removeProperty('--tour-bar-h');
    };
  }, [ref, shown]);
}

/** The tour being played: its caption, position, previous / next, copy link and exit. */
export function TourBar() {
  const { t } = useTranslation();
  const playing = useAppStore((s) => s.tour);
  const lang = useAppStore((s) => s.lang);
  const [copied, setCopied] = useState<string | null>(null);
  const bar = useRef<HTMLElement>(null);
  useBarHeight(bar, playing !== null);
  if (!playing) return null;
  const { tour, index } = playing;
  const count = tour.steps.length;
  const step = tour.steps[index]!;

  const copy = () => {
    const link = tourLink(tour, window.location.href);
    navigator.clipboard.writeText(link).then(
      () => setCopied(t('classroom.tour.linkCopied')),
      () => setCopied(t('classroom.tour.copyFailed', { link })),
    );
  };

  return (
    <section
      ref={bar}
      className="tour-bar"
      aria-label={t('classroom.tour.region')}
      data-testid="classroom.tour.bar"
      lang={typeof step.caption === 'string' ? undefined : lang}
    >
      <div className="tour-meta">
        <span className="tour-title" data-testid="classroom.tour.title">
          {localize(tour.title, lang)}
        </span>
        <span className="tour-position" data-testid="classroom.tour.position">
          {t('classroom.tour.position', { n: index + 1, count })}
        </span>
        <progress max={count} value={index + 1} aria-hidden="true" />
      </div>
      <p className="tour-caption" aria-live="polite" data-testid="classroom.tour.caption">
        <TourCaption caption={localize(step.caption, lang)} />
      </p>
      <div className="tour-actions">
        <button
          type="button"
          onClick={() => goToTourStep(index - 1)}
          disabled={index === 0}
          aria-label={t('classroom.tour.prev')}
          data-testid="classroom.tour.prev"
        >
          ←
        </button>
        <button
          type="button"
          onClick={() => goToTourStep(index + 1)}
          disabled={index >= count - 1}
          aria-label={t('classroom.tour.next')}
          data-testid="classroom.tour.next"
        >
          →
        </button>
        <button type="button" onClick={copy} data-testid="classroom.tour.copy-link">
          {t('classroom.tour.copyLink')}
        </button>
        <button type="button" onClick={exitTour} data-testid="classroom.tour.exit">
          {t('classroom.tour.exit')}
        </button>
        <span className="tour-hint">{t('classroom.tour.keysHint')}</span>
        {copied && (
          <span role="status" className="tour-copied">
            {copied}
          </span>
        )}
      </div>
    </section>
  );
}
