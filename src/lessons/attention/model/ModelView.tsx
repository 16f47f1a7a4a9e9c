import { useTranslation } from 'react-i18next';

/** The attention model view (skeleton — its owner builds it). */
export function ModelView() {
  const { t } = useTranslation();
  return <p className="lead">{t('attn.model.lead')}</p>;
}
