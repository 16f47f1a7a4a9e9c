import { useTranslation } from 'react-i18next';
import { Stage } from '../../shared/Stage';

/** The descent view, on the lesson stage. */
export function DescentView() {
  const { t } = useTranslation();
  return (
    <Stage
      id="basics.descent"
      label={t('basics.descent.stage')}
      title={t('basics.mode.descent')}
      figure={<p>{t('basics.descent.stage')}</p>}
    />
  );
}
