import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, isLang, type Lang } from '../i18n';
import { BACKEND_POLICIES, isBackendPolicy, type BackendPolicy } from '../runtime/backend';
import { lessonDefinition } from '../store/lessonRegistry';
import { useAppStore } from '../store/store';
import { embedUrl, readOrigins } from '../store/urlState';
import { copyText } from './ShareButton';

export const SIZE_PRESETS = {
  small: { width: 480, height: 420 },
  medium: { width: 720, height: 600 },
  large: { width: 960, height: 760 },
  wide: { width: '100%', height: 760 },
} as const;
type Preset = keyof typeof SIZE_PRESETS | 'custom';
const SIZE_LIMITS = { min: 200, max: 4000 };

/** Reads a custom size in pixels, or null when it is not a whole number in range. */
function readPixels(text: string): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= SIZE_LIMITS.min && n <= SIZE_LIMITS.max ? n : null;
}

/** Splits the origins field; each entry must be an http(s) origin (scheme, host, port). */
export function readOriginsField(text: string): { origins: string[]; bad: string[] } {
  return readOrigins(text.split(/[\s,]+/).filter(Boolean));
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The `<iframe>` code an author pastes into a page. */
export function iframeSnippet(
  src: string,
  title: string,
  width: number | string,
  height: number,
): string {
  return [
    '<iframe',
    `  src="${escapeAttr(src)}"`,
    `  title="${escapeAttr(title)}"`,
    `  width="${width}"`,
    `  height="${height}"`,
    '  style="border: 0; max-width: 100%"',
    '  loading="lazy"',
    '></iframe>',
  ].join('\n');
}

/** The Embed dialog (opened from the header's More menu): builds the iframe code for the current view. */
export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const codeRef = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const state = useAppStore.getState();
  const lesson = useAppStore((s) => s.lesson);
  const config = useAppStore((s) => s.configs[s.lesson]);
  const step = useAppStore((s) => s.steps[s.lesson]);
  const hideable = lessonDefinition(lesson).hideable;

  const [preset, setPreset] = useState<Preset>('medium');
  const [custom, setCustom] = useState({ width: '720', height: '600' });
  const [lastGood, setLastGood] = useState({ width: 720, height: 600 });
  const [hide, setHide] = useState<string[]>(() =>
    state.embed.hide.filter((h) => hideable.includes(h)),
  );
  const [policy, setPolicy] = useState<BackendPolicy>(state.policy);
  const [lang, setLang] = useState<Lang>(state.lang);
  const [originsText, setOriginsText] = useState(state.embed.origins.join(', '));
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);

  // A modal <dialog>: the browser traps focus and closes it with Escape.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const customSize = { width: readPixels(custom.width), height: readPixels(custom.height) };
  const customOk = customSize.width !== null && customSize.height !== null;
  const size = preset === 'custom' ? (customOk ? customSize : lastGood) : SIZE_PRESETS[preset];
  const width = size.width as number | string;
  const height = size.height as number;
  const { origins, bad } = readOriginsField(originsText);
  const src = embedUrl(
    window.location.href,
    { lesson, config, step },
    { policy, lang, hide, origins },
  );
  const frameTitle = t('tools.embed.frameTitle', { lesson: t(`lesson.${lesson}`) });
  const code = iframeSnippet(src, frameTitle, width, height);

  const setCustomField = (field: 'width' | 'height', value: string) => {
    const next = { ...custom, [field]: value };
    setCustom(next);
    const w = readPixels(next.width);
    const h = readPixels(next.height);
    if (w !== null && h !== null) setLastGood({ width: w, height: h });
    setCopy(null);
  };

  const copyCode = async () => {
    const ok = await copyText(code);
    setCopy(ok ? 'copied' : 'failed');
    if (!ok) {
      codeRef.current?.focus();
      codeRef.current?.select();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="tools-dialog embed-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="embed.dialog"
    >
      <div className="tools-dialog-head">
        <h2 id={titleId}>{t('tools.embed.title')}</h2>
        <button
          type="button"
          className="icon-button"
          onClick={() => dialogRef.current?.close()}
          aria-label={t('tools.embed.close')}
          title={t('tools.embed.close')}
        >
          ✕
        </button>
      </div>
      <div className="embed-grid">
        <form className="embed-options" onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>{t('tools.embed.size')}</legend>
            <label className="tools-field">
              <span className="visually-hidden">{t('tools.embed.size')}</span>
              <select
                value={preset}
                onChange={(e) => setPreset(e.target.value as Preset)}
                data-testid="embed.size"
              >
                {(['small', 'medium', 'large', 'wide', 'custom'] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`tools.embed.presets.${p}`)}
                  </option>
                ))}
              </select>
            </label>
            {preset === 'custom' && (
              <div className="embed-size">
                <label className="tools-field">
                  <span>{t('tools.embed.width')}</span>
                  <input
                    type="number"
                    inputMode="numeric"
                    min={SIZE_LIMITS.min}
                    max={SIZE_LIMITS.max}
                    value={custom.width}
                    aria-invalid={customSize.width === null}
                    onChange={(e) => setCustomField('width', e.target.value)}
                    data-testid="embed.width"
                  />
                </label>
                <label className="tools-field">
                  <span>{t('tools.embed.height')}</span>
                  <input
                    type="number"
                    inputMode="numeric"
                    min={SIZE_LIMITS.min}
                    max={SIZE_LIMITS.max}
                    value={custom.height}
                    aria-invalid={customSize.height === null}
                    onChange={(e) => setCustomField('height', e.target.value)}
                    data-testid="embed.height"
                  />
                </label>
                {!customOk && (
                  <p className="tools-message warning" role="alert">
                    {t('tools.embed.badSize', SIZE_LIMITS)}
                  </p>
                )}
              </div>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('tools.embed.hide')}</legend>
            {hideable.length === 0 && <p>{t('tools.embed.noHideable')}</p>}
            <div className="embed-checks">
              {hideable.map((name) => (
                <label key={name}>
                  <input
                    type="checkbox"
                    checked={hide.includes(name)}
                    onChange={(e) => {
                      setHide((h) =>
                        e.target.checked
                          ? hideable.filter((x) => x === name || h.includes(x))
                          : h.filter((x) => x !== name),
                      );
                      setCopy(null);
                    }}
                    data-testid={`embed.hide-${name}`}
                  />
                  <code>{name}</code>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="tools-field">
            <span>{t('tools.embed.backend')}</span>
            <select
              value={policy}
              onChange={(e) => isBackendPolicy(e.target.value) && setPolicy(e.target.value)}
              data-testid="embed.backend"
            >
              {BACKEND_POLICIES.map((p) => (
                <option key={p} value={p}>
                  {t(`backend.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="tools-field">
            <span>{t('tools.embed.language')}</span>
            <select
              value={lang}
              onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}
              data-testid="embed.lang"
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="tools-field">
            <span>{t('tools.embed.origins')}</span>
            <input
              type="text"
              value={originsText}
              placeholder="https://my.blog"
              aria-invalid={bad.length > 0}
              onChange={(e) => {
                setOriginsText(e.target.value);
                setCopy(null);
              }}
              data-testid="embed.origins"
            />
            <small>{t('tools.embed.originsHelp')}</small>
          </label>
          {bad.map((b) => (
            <p key={b} className="tools-message warning" role="alert">
              {t('tools.embed.badOrigin', { value: b })}
            </p>
          ))}
        </form>
        <div className="embed-output">
          <label className="tools-field">
            <span>{t('tools.embed.code')}</span>
            <textarea
              ref={codeRef}
              readOnly
              rows={9}
              value={code}
              spellCheck={false}
              data-testid="embed.code"
            />
          </label>
          <div className="tools-actions">
            <button type="button" onClick={() => void copyCode()} data-testid="embed.copy">
              {t('tools.embed.copy')}
            </button>
            <span role="status" className="tools-message" data-testid="embed.status">
              {copy === 'copied' && t('tools.embed.copied')}
              {copy === 'failed' && t('tools.embed.copyFailed')}
            </span>
          </div>
          <h3>{t('tools.embed.preview')}</h3>
          <div className="embed-preview">
            <iframe
              src={src}
              title={frameTitle}
              width={width}
              height={height}
              style={{ border: 0 }}
              data-testid="embed.preview"
            />
          </div>
        </div>
      </div>
    </dialog>
  );
}
