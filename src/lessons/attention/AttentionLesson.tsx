import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store';
import { attnModeDefaults, useAttnConfig, type AttnConfig } from './config';
import { ModelView } from './model/ModelView';
import { SandboxView } from './sandbox/SandboxView';

const MODES = ['model', 'sandbox'] as const;

// The last config of each mode this session, so switching modes never loses work.
const remembered = new Map<AttnConfig['mode'], AttnConfig>();

/** The Attention lesson: a trained transformer (model) or your own Q, K, V (sandbox). */
export default function AttentionLesson() {
  const { t } = useTranslation();
  const config = useAttnConfig();
  const setConfig = useAppStore((s) => s.setConfig);
  const hide = useAppStore((s) => s.embed.hide);

  const switchTo = (mode: AttnConfig['mode']) => {
    if (mode === config.mode) return;
    remembered.set(config.mode, config);
    setConfig('attention', remembered.get(mode) ?? attnModeDefaults[mode]);
  };

  return (
    <section className="lesson attn" aria-labelledby="attn-title">
      <header className="lesson-head">
        <h1 id="attn-title">{t('attn.title')}</h1>
      </header>
      {!hide.includes('modes') && (
        <div className="mode-tabs" role="group" aria-label={t('attn.modes')}>
          {MODES.map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={config.mode === m}
              onClick={() => switchTo(m)}
              data-testid={`attention.mode.${m}`}
            >
              {t(`attn.mode.${m}`)}
            </button>
          ))}
        </div>
      )}
      {config.mode === 'model' ? <ModelView /> : <SandboxView />}
    </section>
  );
}
