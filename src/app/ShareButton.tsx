import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../i18n';
import { useAppStore } from '../store/store';
import { shareUrl } from '../store/urlState';

type CopyState = 'copied' | 'failed';

/** Copies text, resolving false where the clipboard API is missing or refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Share: copies a link to the exact view (lesson, config, step, backend choice, language) and
 * shows it with its length. Where copying is refused, the link is selected in a field instead.
 */
export function ShareButton() {
  const { t } = useTranslation();
  const [link, setLink] = useState<string | null>(null);
  const [copy, setCopy] = useState<CopyState | null>(null);
  const lesson = useAppStore((s) => s.lesson);
  const step = useAppStore((s) => s.steps[s.lesson]);
  const lang = useAppStore((s) => s.lang);
  const policy = useAppStore((s) => s.policy);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const panelId = useId();
  const open = link !== null;

  const close = () => {
    setLink(null);
    setCopy(null);
    buttonRef.current?.focus();
  };

  const share = async () => {
    const url = shareUrl(window.location.href);
    setLink(url);
    setCopy(null);
    setCopy((await copyText(url)) ? 'copied' : 'failed');
  };

  // When copying failed, the link is selected so Ctrl+C copies it; else the field is focused.
  useEffect(() => {
    if (!open || copy === null) return;
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [open, copy]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setLink(null);
        setCopy(null);
        buttonRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="share">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close() : void share())}
        data-testid="app.share"
      >
        {t('tools.share.button')}
      </button>
      {open && (
        <div
          id={panelId}
          className="tools-popover share-panel"
          role="group"
          aria-label={t('tools.share.title')}
        >
          <label className="tools-field">
            <span>{t('tools.share.field')}</span>
            <input
              ref={fieldRef}
              type="text"
              readOnly
              value={link}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="app.share.link"
            />
          </label>
          <p className="tools-meta" data-testid="app.share.length">
            {t('tools.share.length', { count: link.length })} ·{' '}
            {t('tools.share.includes', {
              lesson: t(`lesson.${lesson}`),
              step: step + 1,
              lang: LANGUAGE_NAMES[lang],
              backend: t(`backend.${policy}`),
            })}
          </p>
          <p
            role="status"
            className={copy === 'failed' ? 'tools-message warning' : 'tools-message'}
            data-testid="app.share.status"
            data-copy={copy ?? ''}
          >
            {copy === 'copied' && t('tools.share.copied')}
            {copy === 'failed' && t('tools.share.copyFailed')}
          </p>
          <div className="tools-actions">
            <button
              type="button"
              onClick={() => void copyText(link).then((ok) => setCopy(ok ? 'copied' : 'failed'))}
            >
              {t('tools.share.copy')}
            </button>
            <button type="button" onClick={close}>
              {t('app.close')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
