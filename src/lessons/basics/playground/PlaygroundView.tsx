import { useTranslation } from 'react-i18next';
import { Stage } from '../../shared/Stage';

/** The playground view, on the lesson stage. */
export function PlaygroundView() {
  const { t } = useTranslation();
  return (
    <Stage
      id="basics.playground"
      label={t('basics.playground.stage')}
      title={t('basics.mode.playground')}
      figure={<p>{t('basics.playground.stage')}</p>}
    />
  );
}
