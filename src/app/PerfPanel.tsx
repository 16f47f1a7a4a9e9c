import { useTranslation } from 'react-i18next';
import { usePerf, usePerfEnabled } from '../store/perf';
import './perfPanel.css';

const ms = (v: number | null) => (v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));

/**
 * The performance panel (Settings → "Performance panel"): a small card fixed in a corner
 * with the latency of the last inference, the median of the last 50, the backend that ran
 * them and, while the GAN playground trains, its iterations per second. Large tabular
 * figures, so a projector shows them; it takes no focus and never covers the controls' row.
 */
export function PerfPanel() {
  // Only the switch is read here: the figures change on every inference and training frame,
  // and a hidden panel must not re-render with them.
  return usePerfEnabled() ? <PerfCard /> : null;
}

function PerfCard() {
  const { t } = useTranslation();
  const perf = usePerf();
  const backend =
    perf.backend === 'webgpu'
      ? 'WebGPU'
      : perf.backend === 'wasm'
        ? 'WASM'
        : t('backend.perf.none');
  return (
    <aside className="perf-panel" aria-label={t('backend.perf.title')} data-testid="app.perf">
      <h2>{t('backend.perf.title')}</h2>
      <dl>
        <dt>{t('backend.perf.last')}</dt>
        <dd data-testid="app.perf.last" data-value={perf.lastMs ?? ''}>
          {t('backend.lastRun', { ms: ms(perf.lastMs) })}
        </dd>
        <dt>{t('backend.perf.p50', { count: perf.count })}</dt>
        <dd data-testid="app.perf.p50" data-value={perf.p50Ms ?? ''}>
          {t('backend.lastRun', { ms: ms(perf.p50Ms) })}
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
