import { useTranslation } from 'react-i18next';

/** The GAN lesson's digits view (skeleton — its owner builds it). */
export function DigitsView() {
  const { t } = useTranslation();
  return <p className="lead">{t('ganDigits.lead')}</p>;
}
