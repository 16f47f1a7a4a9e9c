import { useTranslation } from 'react-i18next';
import { Stage } from '../../shared/Stage';

/** The losses view, on the lesson stage. */
export function LossesView() {
  const { t } = useTranslation();
  return (
    <Stage
      id="basics.losses"
      label={t('basics.losses.stage')}
      title={t('basics.mode.losses')}
      figure={<p>{t('basics.losses.stage')}</p>}
    />
  );
}
