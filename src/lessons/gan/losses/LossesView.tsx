import { useTranslation } from 'react-i18next';

/** The GAN lesson's losses view (skeleton — its owner builds it). */
export function LossesView() {
  const { t } = useTranslation();
  return <p className="lead">{t('gan.title')}</p>;
}
