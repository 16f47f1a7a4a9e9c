import { useTranslation } from 'react-i18next';
import { MODEL_ERROR_KEYS } from '../../store/runtime';
import { useAppStore } from '../../store/store';

/**
 * A model's loading, in two phases — downloading (bytes of the file) and preparing (the
 * session is created and warmed up, which can take seconds after the last byte) — or its
 * failure as one clear message with Retry; nothing once it is ready. While a model is missing
 * this is the only message: no notice is raised, and views hide their own follow-on errors
 * (`useModelFailed`).
 */
export function ModelStatus({ model, onRetry }: { model: string; onRetry: () => void }) {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.models[model]);
  if (!status || status.state === 'ready') return null;
  if (status.state === 'error') {
    const kind = status.error?.kind ?? 'runtime';
    const detail = status.error?.message ?? '';
    return (
      <div className="model-error" role="alert" data-testid="model.error" data-kind={kind}>
        <p>{t(MODEL_ERROR_KEYS[kind] ?? 'notice.runtimeError', { model, detail })}</p>
        <button type="button" onClick={onRetry} data-testid="model.retry">
          {t('app.retry')}
        </button>
      </div>
    );
  }
  const { loaded, total } = status;
  const preparing = status.phase === 'prepare';
  return (
    <div
      className="model-progress"
      role="status"
      data-testid="model.progress"
      data-phase={preparing ? 'prepare' : 'download'}
    >
      <label>
        {preparing
          ? t('model.preparing', { model })
          : total
            ? t('model.loadingBytes', {
                model,
                loaded: Math.round((loaded ?? 0) / 1024),
                total: Math.round(total / 1024),
              })
            : t('model.loading', { model })}
        <progress max={total ?? 1} value={total && !preparing ? loaded : undefined} />
      </label>
    </div>
  );
}

/**
 * Whether a model could not be loaded (missing, damaged, not downloaded): a view then shows no
 * error of its own about runs that could not happen — ModelStatus's message says it all.
 */
export function useModelFailed(model: string): boolean {
  return useAppStore((s) => s.models[model]?.state === 'error');
}
