import { useTranslation } from 'react-i18next';
import { ModeTabs } from '../shared/ModeTabs';
import { ActivationsView } from './activations/ActivationsView';
import { BackpropView } from './backprop/BackpropView';
import { BASICS_MODES, basicsModeDefaults, useBasicsConfig } from './config';
import { DescentView } from './descent/DescentView';
import { LossesView } from './losses/LossesView';
import { PlaygroundView } from './playground/PlaygroundView';

const VIEWS = {
  activations: ActivationsView,
  losses: LossesView,
  descent: DescentView,
  backprop: BackpropView,
  playground: PlaygroundView,
} as const;

/** The Basics lesson: how a network learns, one idea per mode. */
export default function BasicsLesson() {
  const { t } = useTranslation();
  const config = useBasicsConfig();
  const View = VIEWS[config.mode];

  return (
    <section className="lesson basics" aria-labelledby="basics-title">
      <header className="lesson-head">
        <h1 id="basics-title">{t('basics.title')}</h1>
        <ModeTabs
          lesson="basics"
          modes={BASICS_MODES}
          config={config}
          defaults={basicsModeDefaults}
          i18nPrefix="basics.mode"
          testIdPrefix="basics"
        />
      </header>
      <View />
    </section>
  );
}
