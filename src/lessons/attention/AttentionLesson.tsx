import { useTranslation } from 'react-i18next';
import { ModeTabs } from '../shared/ModeTabs';
import { attnModeDefaults, useAttnConfig } from './config';
import { ModelView } from './model/ModelView';
import { SandboxView } from './sandbox/SandboxView';

const MODES = ['model', 'sandbox'] as const;

/** The Attention lesson: a trained transformer (model) or your own Q, K, V (sandbox). */
export default function AttentionLesson() {
  const { t } = useTranslation();
  const config = useAttnConfig();

  return (
    <section className="lesson attn" aria-labelledby="attn-title">
      <header className="lesson-head">
        <h1 id="attn-title">{t('attn.title')}</h1>
        <ModeTabs
          lesson="attention"
          modes={MODES}
          config={config}
          defaults={attnModeDefaults}
          i18nPrefix="attn.mode"
          testIdPrefix="attention"
        />
      </header>
      {config.mode === 'model' ? <ModelView /> : <SandboxView />}
    </section>
  );
}
