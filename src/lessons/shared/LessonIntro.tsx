import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store';

/** The introduction a lesson shows until it is built. */
export function LessonIntro({ lesson }: { lesson: 'attention' | 'gan' }) {
  const { t } = useTranslation();
  const goToLesson = useAppStore((s) => s.goToLesson);
  return (
    <section className="lesson intro" aria-labelledby={`${lesson}-title`}>
      <h1 id={`${lesson}-title`}>{t(`intro.${lesson}.title`)}</h1>
      <p className="lead">{t(`intro.${lesson}.body`)}</p>
      <p>{t('intro.comingSoon')}</p>
      <button
        type="button"
        onClick={() => goToLesson('convolution')}
        data-testid={`${lesson}.try-convolution`}
      >
        {t('intro.tryConvolution')}
      </button>
    </section>
  );
}
