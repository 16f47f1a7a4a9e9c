import { useTranslation } from 'react-i18next';
import { ModeTabs } from '../shared/ModeTabs';
import { ModelView } from './ModelView';
import { SandboxView } from './sandbox/SandboxView';
import { modelDefaults, sandboxDefaults, useConvConfig, useConvStep } from './config';

const MODES = ['model', 'sandbox'] as const;

/** The Convolution lesson: the trained CNN (model) or your own convolution (sandbox). */
export default function ConvolutionLesson() {
  const { t } = useTranslation();
  const config = useConvConfig();
  const step = useConvStep();

  return (
    <section className="lesson conv" aria-labelledby="conv-title">
      <header className="lesson-head">
        <h1 id="conv-title">{t('conv.title')}</h1>
        <ModeTabs
          lesson="convolution"
          modes={MODES}
          config={config}
          defaults={{ model: modelDefaults, sandbox: sandboxDefaults }}
          i18nPrefix="conv.mode"
          testIdPrefix="conv"
        />
      </header>
      {config.mode === 'model' ? <ModelView config={config} step={step} /> : <SandboxView />}
    </section>
  );
}
