import { useTranslation } from 'react-i18next';
import { Stage } from '../../shared/Stage';

/** The backprop view, on the lesson stage. */
export function BackpropView() {
  const { t } = useTranslation();
  return (
    <Stage
      id="basics.backprop"
      label={t('basics.backprop.stage')}
      title={t('basics.mode.backprop')}
      figure={<p>{t('basics.backprop.stage')}</p>}
    />
  );
}
