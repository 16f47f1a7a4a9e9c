import { useTranslation } from 'react-i18next';

/** The attention sandbox (skeleton — its owner builds it). */
export function SandboxView() {
  const { t } = useTranslation();
  return <p className="lead">{t('attn.sandbox.lead')}</p>;
}
