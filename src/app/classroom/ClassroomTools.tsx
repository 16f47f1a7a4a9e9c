import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { lessonDefinition } from '../../store/lessonRegistry';
import { useAppStore } from '../../store/store';
import { ExportDialog, snapshotExports, type ExportSnapshot } from '../export/ExportDialog';
import './classroom.css';
import { classroomAction } from './keys';
import { LaserPointer } from './LaserPointer';
import { ShortcutsDialog } from './ShortcutsDialog';
import { TourBar } from './TourBar';
import { ToursDialog } from './ToursDialog';
import { goToTourStep } from './tourPlayer';

/** Full screen where the browser allows it; false when it refused. */
async function setFullscreen(on: boolean): Promise<boolean> {
  try {
    if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen();
    else if (!on && document.fullscreenElement) await document.exitFullscreen();
    return true;
  } catch {
    return false;
  }
}

function toggleClassroom(): void {
  const { classroom, setClassroom } = useAppStore.getState();
  const on = !classroom.on;
  setClassroom({ on });
  // Entering goes full screen where allowed (a refusal is fine: the mode works without it).
  void setFullscreen(on);
}

function toggleFullscreen(): void {
  void setFullscreen(!document.fullscreenElement).then((ok) => {
    if (!ok)
      useAppStore
        .getState()
        .notify({ level: 'info', key: 'classroom.fullscreenRefused', tag: 'fullscreen' });
  });
}

function stepLesson(delta: 1 | -1): void {
  const s = useAppStore.getState();
  const count = lessonDefinition(s.lesson).stepCount(s.configs[s.lesson]);
  const next = s.steps[s.lesson] + delta;
  if (next >= 0 && next < count) s.setStep(s.lesson, next);
}

/**
 * The header's classroom, tours and export buttons, and the layer they drive: the tour bar,
 * the laser pointer, the shortcuts dialog and the global shortcuts (see keys.ts).
 * `onWriteTour` opens the (lazily loaded) editor on a tour document; focus comes back to the
 * Tours button when it closes.
 */
export function ClassroomTools({
  onWriteTour,
}: {
  onWriteTour?: (returnTo: HTMLElement | null) => void;
}) {
  const { t } = useTranslation();
  const classroom = useAppStore((s) => s.classroom);
  const setClassroom = useAppStore((s) => s.setClassroom);
  const touring = useAppStore((s) => s.tour !== null);
  const [help, setHelp] = useState(false);
  const [tours, setTours] = useState(false);
  const [exports, setExports] = useState<ExportSnapshot | null>(null);
  const toursButtonRef = useRef<HTMLButtonElement>(null);

  // The page's look follows the settings (classroom.css keys off these classes).
  useEffect(() => {
    const root = document.documentElement.classList;
    root.toggle('classroom', classroom.on);
    root.toggle('high-contrast', classroom.on && classroom.contrast);
    root.toggle('laser', classroom.on && classroom.laser);
    root.toggle('touring', touring);
  }, [classroom, touring]);

  // Leaving full screen with the browser's own Escape does not leave classroom mode.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState();
      const action = classroomAction(e, {
        classroom: s.classroom.on,
        touring: s.tour !== null,
        dialogOpen: document.querySelector('dialog[open]') !== null,
      });
      if (!action) return;
      e.preventDefault();
      // Capture phase, before the lessons' own listeners: a key never acts twice.
      e.stopPropagation();
      switch (action.type) {
        case 'help':
          setHelp(true);
          break;
        case 'classroom':
          toggleClassroom();
          break;
        case 'fullscreen':
          toggleFullscreen();
          break;
        case 'lesson':
          s.goToLesson(action.lesson);
          break;
        case 'tourStep':
          goToTourStep((s.tour?.index ?? 0) + action.delta);
          break;
        case 'lessonStep':
          stepLesson(action.delta);
          break;
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  return (
    <div className="classroom-tools" role="group" aria-label={t('classroom.mode')}>
      <button
        type="button"
        aria-pressed={classroom.on}
        onClick={toggleClassroom}
        title={t('classroom.modeHint')}
        data-testid="classroom.toggle"
      >
        {t('classroom.mode')}
      </button>
      {classroom.on && (
        <>
          <button
            type="button"
            aria-pressed={classroom.contrast}
            onClick={() => setClassroom({ contrast: !classroom.contrast })}
            data-testid="classroom.contrast"
          >
            {t('classroom.contrast')}
          </button>
          <button
            type="button"
            aria-pressed={classroom.laser}
            onClick={() => setClassroom({ laser: !classroom.laser })}
            data-testid="classroom.laser-toggle"
          >
            {t('classroom.laser')}
          </button>
          <button type="button" onClick={toggleFullscreen} data-testid="classroom.fullscreen">
            {t('classroom.fullscreen')}
          </button>
        </>
      )}
      <button
        type="button"
        onClick={() => setHelp(true)}
        aria-label={t('classroom.shortcutsButton')}
        title={t('classroom.shortcutsButton')}
        data-testid="classroom.help"
      >
        ?
      </button>
      <button
        ref={toursButtonRef}
        type="button"
        onClick={() => setTours(true)}
        data-testid="classroom.tours-button"
      >
        {t('classroom.tours.button')}
      </button>
      <button
        type="button"
        onClick={() => setExports(snapshotExports(t('classroom.export.wholeView')))}
        data-testid="export.button"
      >
        {t('classroom.export.button')}
      </button>
      {createPortal(
        <>
          <TourBar />
          {classroom.on && classroom.laser && <LaserPointer />}
        </>,
        document.body,
      )}
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <ToursDialog
        open={tours}
        onClose={() => setTours(false)}
        onWriteTour={
          onWriteTour &&
          (() => {
            setTours(false);
            onWriteTour(toursButtonRef.current);
          })
        }
      />
      <ExportDialog snapshot={exports} onClose={() => setExports(null)} />
    </div>
  );
}
