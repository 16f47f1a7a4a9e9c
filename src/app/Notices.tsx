import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';

/** Notices (bad links, backend fallbacks, model errors), announced to screen readers. */
export function Notices() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismiss);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice ${n.level}`}
          role={n.level === 'error' ? 'alert' : 'status'}
          data-testid={`notice.${n.key}`}
        >
          <p>{t(n.key, n.params)}</p>
          <button type="button" onClick={() => dismiss(n.id)} aria-label={t('app.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
