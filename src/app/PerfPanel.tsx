import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { usePerf, usePerfEnabled } from '../store/perf';
import './perfPanel.css';

const ms = (v: number | null) => (v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));

/**
 * The performance panel (Settings → "Performance panel"): a small card fixed in a corner
 * with the latency of the last inference, the median of the last 50, the backend that ran
 * them and, while the GAN playground trains, its iterations per second. Large tabular
 * figures, so a projector shows them; it takes no focus and never covers the controls' row.
 * On a lesson stage it sits at the top of the stage's side column, so it covers nothing of
 * the figure; elsewhere in the bottom-left corner.
 */
export function PerfPanel() {
  // Only the switch is read here: the figures change on every inference and training frame,
  // and a hidden panel must not re-render with them.
  return usePerfEnabled() ? <PerfCard /> : null;
}

/** The stage's side column, while one is on the page (the lesson or mode may change). */
function useStageSide(): Element | null {
  const [side, setSide] = useState<Element | null>(() => document.querySelector('.stage-side'));
  useEffect(() => {
    const find = () => {
      const el = document.querySelector('.stage-side');
      setSide((prev) => (prev === el ? prev : el));
    };
    find();
    const mo = new MutationObserver(find);
    mo.observe(document.body, { childList: true, subtree: true });
    return () => mo.disconnect();
  }, []);
  return side;
}

function PerfCard() {
  const side = useStageSide();
  const card = <PerfFigures inStage={side !== null} />;
  return side ? createPortal(card, side) : card;
}

function PerfFigures({ inStage }: { inStage: boolean }) {
  const { t } = useTranslation();
  const perf = usePerf();
  const backend =
    perf.backend === 'webgpu'
      ? 'WebGPU'
      : perf.backend === 'wasm'
        ? 'WASM'
        : t('backend.perf.none');
  return (
    <aside
      className={`perf-panel${inStage ? ' in-stage' : ''}`}
      aria-label={t('backend.perf.title')}
      data-testid="app.perf"
    >
      <h2>{t('backend.perf.title')}</h2>
      <dl>
        <dt>{t('backend.perf.last')}</dt>
        <dd data-testid="app.perf.last" data-value={perf.lastMs ?? ''}>
          {perf.lastMs === null
            ? t('backend.perf.noRuns')
            : t('backend.lastRun', { ms: ms(perf.lastMs) })}
        </dd>
        <dt>
          {perf.count > 0 ? t('backend.perf.p50', { count: perf.count }) : t('backend.perf.median')}
        </dt>
        <dd data-testid="app.perf.p50" data-value={perf.p50Ms ?? ''}>
          {perf.p50Ms === null || perf.count === 0
            ? t('backend.perf.none')
            : t('backend.lastRun', { ms: ms(perf.p50Ms) })}
        </dd>
        <dt>{t('backend.label')}</dt>
        <dd data-testid="app.perf.backend" data-value={perf.backend ?? ''}>
          {backend}
        </dd>
        {perf.itersPerSecond !== null && (
          <>
            <dt>{t('backend.perf.iters')}</dt>
            <dd data-testid="app.perf.iters" data-value={perf.itersPerSecond}>
              {Math.round(perf.itersPerSecond).toLocaleString()}
            </dd>
          </>
        )}
      </dl>
    </aside>
  );
}
