import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store';

/** The model's loading progress, or its error with a retry button; nothing once it is ready. */
export function ModelStatus({ model, onRetry }: { model: string; onRetry: () => void }) {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.models[model]);
  if (!status || status.state === 'ready') return null;
  if (status.state === 'error') {
    return (
      <div className="model-error" role="alert" data-testid="model.error">
        <p>{status.error?.message}</p>
        <button type="button" onClick={onRetry} data-testid="model.retry">
          {t('app.retry')}
        </button>
      </div>
    );
  }
  const { loaded, total } = status;
  return (
    <div className="model-progress" data-testid="model.progress">
      <label>
        {total
          ? t('model.loadingBytes', {
              model,
              loaded: Math.round((loaded ?? 0) / 1024),
              total: Math.round(total / 1024),
            })
          : t('model.loading', { model })}
        <progress max={total ?? 1} value={total ? loaded : undefined} />
      </label>
    </div>
  );
}
