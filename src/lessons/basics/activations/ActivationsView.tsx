import { useTranslation } from 'react-i18next';
import { Stage } from '../../shared/Stage';

/** The activations view, on the lesson stage. */
export function ActivationsView() {
  const { t } = useTranslation();
  return (
    <Stage
      id="basics.activations"
      label={t('basics.activations.stage')}
      title={t('basics.mode.activations')}
      figure={<p>{t('basics.activations.stage')}</p>}
    />
  );
}
