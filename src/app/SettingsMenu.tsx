import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKEND_POLICIES } from '../runtime/backend';
import { setPerfEnabled, usePerfEnabled } from '../store/perf';
import { useAppStore } from '../store/store';
import { PerfPanel } from './PerfPanel';

/**
 * Settings: where models run (auto / WebGPU / WASM) and the performance panel (shown here
 * when on, fixed in a corner). A disclosure, closed with Escape.
 */
export function SettingsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const policy = useAppStore((s) => s.policy);
  const setPolicy = useAppStore((s) => s.setPolicy);
  const perfOn = usePerfEnabled();
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="settings">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="app.settings"
      >
        <span aria-hidden="true">⚙</span>{' '}
        <span className="settings-label">{t('app.settings')}</span>
      </button>
      {open && (
        <div id={panelId} className="settings-panel" role="group" aria-label={t('app.settings')}>
          <fieldset>
            <legend>{t('backend.choose')}</legend>
            {BACKEND_POLICIES.map((p) => (
              <label key={p}>
                <input
                  type="radio"
                  name="backend-policy"
                  value={p}
                  checked={policy === p}
                  onChange={() => setPolicy(p)}
                  data-testid={`app.settings.backend-${p}`}
                />
                {t(`backend.${p}`)}
              </label>
            ))}
          </fieldset>
          <label>
            <input
              type="checkbox"
              checked={perfOn}
              onChange={(e) => setPerfEnabled(e.target.checked)}
              data-testid="app.settings.perf"
            />
            {t('backend.perf.toggle')}
          </label>
          <button type="button" onClick={() => setOpen(false)}>
            {t('app.close')}
          </button>
        </div>
      )}
      <PerfPanel />
    </div>
  );
}
