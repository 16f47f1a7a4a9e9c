import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';

/** Which backend and adapter ran the last inference, always visible. */
export function BackendBadge() {
  const { t } = useTranslation();
  const runtime = useAppStore((s) => s.runtime);
  const name = runtime.backend === 'webgpu' ? 'WebGPU' : runtime.backend === 'wasm' ? 'WASM' : null;
  if (runtime.state !== 'ready' || !name) {
    return (
      <span className="badge starting" data-testid="app.backend" data-backend="">
        {t('backend.starting')}
      </span>
    );
  }
  // Also in the title: the header shows it only where there is room (styles.css).
  const lastRun =
    runtime.lastMs !== undefined ? t('backend.lastRun', { ms: runtime.lastMs.toFixed(1) }) : '';
  return (
    <span
      className={`badge ${runtime.backend}`}
      data-testid="app.backend"
      data-backend={runtime.backend}
      data-adapter={runtime.adapter}
      title={
        t('backend.badgeTitle', { backend: name, adapter: runtime.adapter }) +
        (lastRun ? ` · ${lastRun}` : '')
      }
      aria-label={t('backend.badgeTitle', { backend: name, adapter: runtime.adapter })}
    >
      <strong>{name}</strong> <span className="badge-adapter">{runtime.adapter}</span>
      {lastRun && <span className="badge-ms"> · {lastRun}</span>}
    </span>
  );
}
