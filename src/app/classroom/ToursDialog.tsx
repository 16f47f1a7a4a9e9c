import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSON_IDS } from '../../store/lessonRegistry';
import { useAppStore } from '../../store/store';
import { localize, parseTour, tourToJson, type TourResult } from '../../store/tour';
import { Dialog } from './Dialog';
import { startTour, startTourInput } from './tourPlayer';
import { BUILTIN_TOURS } from './tours';

type Problems = Extract<TourResult, { ok: false }>['problems'];

/**
 * The tours menu: start a built-in tour, write one in the editor (its own JSON Schema and
 * markers), or paste one as JSON (problems name their field).
 */
export function ToursDialog({
  open,
  onClose,
  onWriteTour,
}: {
  open: boolean;
  onClose: () => void;
  /** Opens the editor on a tour document (absent where there is no editor, e.g. embeds). */
  onWriteTour?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('classroom.tours.title')}
      testId="classroom.tours"
      wide
    >
      <ToursBody onStarted={onClose} onWriteTour={onWriteTour} />
    </Dialog>
  );
}

function ToursBody({
  onStarted,
  onWriteTour,
}: {
  onStarted: () => void;
  onWriteTour: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const lang = useAppStore((s) => s.lang);
  const playing = useAppStore((s) => s.tour);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problems>([]);
  const jsonId = useId();
  const problemsId = useId();
  const writeHintId = useId();

  const load = () => {
    const result = parseTour(text);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    startTour(result.tour);
    onStarted();
  };

  return (
    <>
      <h3>{t('classroom.tours.builtIn')}</h3>
      <ul className="tour-list">
        {LESSON_IDS.map((id) => {
          const tour = BUILTIN_TOURS[id];
          return (
            <li key={id}>
              <span>
                <strong>{localize(tour.title, lang)}</strong>{' '}
                <span className="muted">
                  {t(`lesson.${id}`)} · {t('classroom.tours.steps', { count: tour.steps.length })}
                </span>
              </span>
              <button
                type="button"
                onClick={() => {
                  const r = startTourInput(tour);
                  if (r.ok) onStarted();
                  else setProblems(r.problems);
                }}
                data-testid={`classroom.tours.start-${id}`}
              >
                {t('classroom.tours.start')}
              </button>
            </li>
          );
        })}
      </ul>
      {onWriteTour && (
        <>
          <h3>{t('classroom.tours.own')}</h3>
          <p id={writeHintId} className="muted">
            {t('classroom.tours.writeHint')}
          </p>
          <button
            type="button"
            className="primary"
            onClick={onWriteTour}
            aria-describedby={writeHintId}
            data-testid="classroom.tours.write"
          >
            {'{ }'} {t('classroom.tours.write')}
          </button>
        </>
      )}
      <h3>
        <label htmlFor={jsonId}>{t('classroom.tours.paste')}</label>
      </h3>
      {playing && (
        <button
          type="button"
          onClick={() => setText(JSON.stringify(tourToJson(playing.tour), null, 2))}
          data-testid="classroom.tours.edit-current"
        >
          {t('classroom.tours.copyJson')}
        </button>
      )}
      <textarea
        id={jsonId}
        className="tour-json"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('classroom.tours.pasteHint')}
        spellCheck={false}
        rows={10}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? problemsId : undefined}
        data-testid="classroom.tours.json"
      />
      {problems.length > 0 && (
        <div
          id={problemsId}
          role="alert"
          className="tour-problems"
          data-testid="classroom.tours.problems"
        >
          <p>{t('classroom.tours.problems')}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}:${p.message}`}>
                <code>{p.field}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button
        type="button"
        className="primary"
        onClick={load}
        disabled={!text.trim()}
        data-testid="classroom.tours.load"
      >
        {t('classroom.tours.load')}
      </button>
    </>
  );
}
