import { useTranslation } from 'react-i18next';

/** The GAN lesson's train view (skeleton — its owner builds it). */
export function TrainView() {
  const { t } = useTranslation();
  return <p className="lead">{t('gan.title')}</p>;
}
