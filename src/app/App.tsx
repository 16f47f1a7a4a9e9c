import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMediaQuery } from './useMediaQuery';
import { LANGUAGE_NAMES, LANGUAGE_SHORT_NAMES, LANGUAGES, isLang } from '../i18n';
import { LESSON_IDS } from '../store/lessonRegistry';
import { useAppStore } from '../store/store';
import { BackendBadge } from './BackendBadge';
import { EmbedDialog } from './EmbedDialog';
import { ClassroomToggle, useClassroomTools } from './classroom/ClassroomTools';
import { startTour, tourLink } from './classroom/tourPlayer';
import { ErrorBoundary } from './ErrorBoundary';
import { LESSON_VIEWS } from './lessons';
import { Notices } from './Notices';
import { SettingsMenu } from './SettingsMenu';
import { ShareButton } from './ShareButton';
import { ToolsMenu, type ToolSection } from './ToolsMenu';
import './tools.css';

/** Monaco is big: the editor is its own chunk, fetched the first time it is opened. */
const ConfigEditor = lazy(() => import('../editor/ConfigEditor'));

/** The editor's tour document: a valid tour is played, or shared with the tour link format. */
const TOUR_DOCUMENT = {
  kind: 'tour',
  play: (tour) => startTour(tour),
  link: (tour) => tourLink(tour, window.location.href),
} satisfies React.ComponentProps<typeof ConfigEditor>['document'];

type EditorKind = 'config' | 'tour';

interface HeaderProps {
  editorOpen: boolean;
  onToggleEditor: () => void;
  onWriteTour: (returnTo: HTMLElement | null) => void;
  /** The More button: the editor, like the menu's dialogs, gives focus back to it. */
  moreButtonRef: React.RefObject<HTMLButtonElement | null>;
}

/**
 * One row at 1280 px and wider: brand, lessons, then the backend badge and the most used
 * tools (Share, Classroom, language, Settings). The rest — editor, embed, tours, export,
 * shortcuts, and in classroom mode its toggles — sit in the More menu.
 */
function Header({ editorOpen, onToggleEditor, onWriteTour, moreButtonRef }: HeaderProps) {
  const { t } = useTranslation();
  const lesson = useAppStore((s) => s.lesson);
  const goToLesson = useAppStore((s) => s.goToLesson);
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);
  const [embedOpen, setEmbedOpen] = useState(false);
  const classroom = useClassroomTools({ onWriteTour, returnFocus: moreButtonRef });
  const sections: ToolSection[] = [
    {
      id: 'tools',
      items: [
        {
          testId: 'app.editor',
          label: t('tools.editor.open'),
          checked: editorOpen,
          onSelect: onToggleEditor,
        },
        { testId: 'app.embed', label: t('tools.embed.button'), onSelect: () => setEmbedOpen(true) },
        ...classroom.items,
      ],
    },
    ...(classroom.classroomSection ? [classroom.classroomSection] : []),
  ];
  const narrow = useMediaQuery('(max-width: 600px)');
  return (
    <header className="app-header">
      <a className="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <span className="brand" title={t('app.tagline')}>
        <img src="./favicon.svg" alt="" width={24} height={24} />{' '}
        <span className="brand-name">{t('app.name')}</span>
      </span>
      <nav aria-label={t('app.lessons')}>
        <ul>
          {LESSON_IDS.map((id) => (
            <li key={id}>
              <a
                href={`#/${id}`}
                aria-current={lesson === id ? 'page' : undefined}
                data-testid={`app.nav.${id}`}
                onClick={(e) => {
                  // Through the store, so each lesson keeps its own state when you come back.
                  e.preventDefault();
                  goToLesson(id);
                }}
              >
                {t(`lesson.${id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-tools">
        <BackendBadge />
        <ShareButton />
        <ClassroomToggle />
        <label className="lang">
          <span className="visually-hidden">{t('app.language')}</span>
          <select
            value={lang}
            onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}
            data-testid="app.lang"
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l} aria-label={LANGUAGE_NAMES[l]}>
                {narrow ? LANGUAGE_SHORT_NAMES[l] : LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <SettingsMenu />
        <ToolsMenu
          label={t('app.more')}
          name={t('app.moreTools')}
          sections={sections}
          buttonRef={moreButtonRef}
          testId="app.more"
        />
      </div>
      {classroom.layer}
      {embedOpen && (
        <EmbedDialog
          onClose={() => {
            setEmbedOpen(false);
            moreButtonRef.current?.focus();
          }}
        />
      )}
    </header>
  );
}

export function App() {
  const lesson = useAppStore((s) => s.lesson);
  const embed = useAppStore((s) => s.embed.enabled);
  const View = LESSON_VIEWS[lesson];
  const [editor, setEditor] = useState<EditorKind | null>(null);
  const moreButtonRef = useRef<HTMLButtonElement>(null);
  // Where focus goes back when the editor closes: the button whose menu opened it.
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const closeEditor = () => {
    setEditor(null);
    (returnFocusRef.current ?? moreButtonRef.current)?.focus();
    returnFocusRef.current = null;
  };
  return (
    <div className={embed ? 'app embed' : 'app'}>
      {!embed && (
        <Header
          editorOpen={editor === 'config'}
          onToggleEditor={() => {
            returnFocusRef.current = null;
            setEditor((e) => (e === 'config' ? null : 'config'));
          }}
          onWriteTour={(returnTo) => {
            returnFocusRef.current = returnTo;
            setEditor('tour');
          }}
          moreButtonRef={moreButtonRef}
        />
      )}
      {embed && (
        <div className="embed-badge">
          <BackendBadge />
        </div>
      )}
      <Notices />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={lesson}>
          <Suspense fallback={<div className="loading-view" aria-busy="true" />}>
            <View />
          </Suspense>
        </ErrorBoundary>
      </main>
      {editor && !embed && (
        <ErrorBoundary resetKey="editor">
          <Suspense fallback={<EditorLoading />}>
            <ConfigEditor
              key={editor}
              onClose={closeEditor}
              document={editor === 'tour' ? TOUR_DOCUMENT : undefined}
            />
          </Suspense>
        </ErrorBoundary>
      )}
    </div>
  );
}

function EditorLoading() {
  const { t } = useTranslation();
  return (
    <aside className="editor-loading" aria-busy="true" data-testid="editor.loading">
      {t('tools.editor.loading')}
    </aside>
  );
}
