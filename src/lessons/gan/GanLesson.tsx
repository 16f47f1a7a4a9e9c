import { useTranslation } from 'react-i18next';
import { ModeTabs } from '../shared/ModeTabs';
import { ganModeDefaults, useGanConfig } from './config';
import { DigitsView } from './digits/DigitsView';
import { LossesView } from './losses/LossesView';
import { TrainView } from './train/TrainView';

const MODES = ['train', 'losses', 'digits'] as const;

/** The GAN lesson: train a 2-D GAN, the losses on their own, or a digits generator. */
export default function GanLesson() {
  const { t } = useTranslation();
  const config = useGanConfig();

  return (
    <section className="lesson gan" aria-labelledby="gan-title">
      <header className="lesson-head">
        <h1 id="gan-title">{t('gan.title')}</h1>
        <ModeTabs
          lesson="gan"
          modes={MODES}
          config={config}
          defaults={ganModeDefaults}
          i18nPrefix="gan.mode"
          testIdPrefix="gan"
        />
      </header>
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
