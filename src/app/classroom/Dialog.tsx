import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog on the native <dialog>: it traps focus, Escape closes it, and focus goes back
 * to where it was. Its content is mounted only while it is open.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  testId,
  wide,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  testId: string;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? 'gb-dialog wide' : 'gb-dialog'}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid={testId}
    >
      <div className="gb-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="gb-dialog-close"
          onClick={onClose}
          aria-label={t('classroom.close')}
          data-testid={`${testId}.close`}
        >
          ×
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
