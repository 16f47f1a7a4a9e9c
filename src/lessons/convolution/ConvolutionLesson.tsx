import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store';
import { modeDefaults, rememberMode } from './modes';
import { ModelView } from './ModelView';
import { SandboxView } from './sandbox/SandboxView';
import { useConvConfig, useConvStep, type ConvConfig } from './config';

const MODES = ['model', 'sandbox'] as const;

/** The Convolution lesson: the trained CNN (model) or your own convolution (sandbox). */
export default function ConvolutionLesson() {
  const { t } = useTranslation();
  const config = useConvConfig();
  const step = useConvStep();
  const setConfig = useAppStore((s) => s.setConfig);
  const hide = useAppStore((s) => s.embed.hide);

  const switchTo = (mode: ConvConfig['mode']) => {
    if (mode === config.mode) return;
    // The mode left behind is remembered, so switching back restores it.
    rememberMode(config);
    setConfig('convolution', modeDefaults(mode));
  };

  return (
    <section className="lesson conv" aria-labelledby="conv-title">
      <header className="lesson-head">
        <h1 id="conv-title">{t('conv.title')}</h1>
        <p className="lead">{t(config.mode === 'model' ? 'conv.lead' : 'conv.sandboxLead')}</p>
      </header>
      {!hide.includes('modes') && (
        <div className="mode-tabs" role="group" aria-label={t('conv.modes')}>
          {MODES.map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={config.mode === m}
              onClick={() => switchTo(m)}
              data-testid={`conv.mode.${m}`}
            >
              {t(`conv.mode.${m}`)}
            </button>
          ))}
        </div>
      )}
      {config.mode === 'model' ? <ModelView config={config} step={step} /> : <SandboxView />}
    </section>
  );
}
