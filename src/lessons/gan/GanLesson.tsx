import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store';
import { ganModeDefaults, useGanConfig, type GanConfig } from './config';
import { DigitsView } from './digits/DigitsView';
import { LossesView } from './losses/LossesView';
import { TrainView } from './train/TrainView';

const MODES = ['train', 'losses', 'digits'] as const;

// The last config of each mode this session, so switching modes never loses work.
const remembered = new Map<GanConfig['mode'], GanConfig>();

/** The GAN lesson: train a 2-D GAN, the losses on their own, or a digits generator. */
export default function GanLesson() {
  const { t } = useTranslation();
  const config = useGanConfig();
  const setConfig = useAppStore((s) => s.setConfig);
  const hide = useAppStore((s) => s.embed.hide);

  const switchTo = (mode: GanConfig['mode']) => {
    if (mode === config.mode) return;
    remembered.set(config.mode, config);
    setConfig('gan', remembered.get(mode) ?? ganModeDefaults[mode]);
  };

  return (
    <section className="lesson gan" aria-labelledby="gan-title">
      <header className="lesson-head">
        <h1 id="gan-title">{t('gan.title')}</h1>
      </header>
      {!hide.includes('modes') && (
        <div className="mode-tabs" role="group" aria-label={t('gan.modes')}>
          {MODES.map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={config.mode === m}
              onClick={() => switchTo(m)}
              data-testid={`gan.mode.${m}`}
            >
              {t(`gan.mode.${m}`)}
            </button>
          ))}
        </div>
      )}
      {config.mode === 'train' ? (
        <TrainView />
      ) : config.mode === 'losses' ? (
        <LossesView />
      ) : (
        <DigitsView />
      )}
    </section>
  );
}
