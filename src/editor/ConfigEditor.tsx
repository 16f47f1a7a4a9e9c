import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import type { Tour } from '../store/tour';
import {
  checkConfigText,
  defaultsFor,
  formatConfig,
  lessonJsonSchema,
  sameConfig,
  type TextProblem,
} from './configText';
import { jsonDefaults, monaco } from './monaco';
import { checkTourText, formatTour, startingTour, tourEditorJsonSchema } from './tourText';
import './editor.css';

interface ShownProblem {
  field: string;
  message: string;
  line: number;
}

type Status = { ok: true } | { ok: false; problems: ShownProblem[] };

/**
 * What the editor holds: the current lesson's config (applied live), or a tour document
 * (checked live; a valid tour can be played or shared through the callbacks).
 */
export type EditorDocument =
  { kind: 'config' } | { kind: 'tour'; play: (tour: Tour) => void; link: (tour: Tour) => string };

const MARKER_OWNER = 'glassbox';
const TOUR_URI = 'inmemory://glassbox/tour.json';

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** The problems as the list under the text shows them (lines counted from the text). */
function statusOf(text: string, problems: readonly TextProblem[]): Status {
  if (problems.length === 0) return { ok: true };
  return {
    ok: false,
    problems: problems.map((p) => ({
      field: p.field,
      message: p.message,
      line: lineAt(text, p.offset),
    })),
  };
}

function markersOf(model: monaco.editor.ITextModel, problems: readonly TextProblem[]) {
  return problems.map((p) => {
    const start = model.getPositionAt(p.offset);
    const end = model.getPositionAt(p.offset + p.length);
    return {
      severity: monaco.MarkerSeverity.Error,
      message: p.field === 'json' ? p.message : `${p.field}: ${p.message}`,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    };
  });
}

type LinkState = { link: string; copied: boolean } | null;

/**
 * The JSON editor, in a side panel (a bottom sheet on phones), for one of two documents:
 * - `config` (default): the current lesson's config. Valid edits go to the store at once; an
 *   invalid text is marked and the view keeps its last valid config. Control changes flow
 *   back into the text unless the user is in the middle of an invalid edit.
 * - `tour`: a tour, starting from the one playing or from the current view. Problems are
 *   marked on their path (`steps.2.config.stride`); a valid tour enables Play and Copy link.
 * Both get completion and hover from a JSON Schema, markers from our own check, and undo/redo
 * from Monaco. Lazy-loaded: default export for React.lazy.
 */
export default function ConfigEditor({
  onClose,
  document = { kind: 'config' },
}: {
  onClose: () => void;
  document?: EditorDocument;
}) {
  const { t } = useTranslation();
  const lesson = useAppStore((s) => s.lesson);
  const lang = useAppStore((s) => s.lang);
  const kind = document.kind;
  // The config document follows the lesson shown; the tour document outlives lesson changes
  // (playing it switches lessons) and keeps its text.
  const configLesson = kind === 'config' ? lesson : null;
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const [tourText] = useState(() => {
    if (kind !== 'tour') return '';
    const s = useAppStore.getState();
    return formatTour(
      startingTour({
        playing: s.tour?.tour ?? null,
        lesson: s.lesson,
        config: s.configs[s.lesson],
        step: s.steps[s.lesson],
        title: t('tools.tourEditor.newTitle'),
      }),
    );
  });
  const [status, setStatus] = useState<Status>(() => {
    if (kind !== 'tour') return { ok: true };
    const r = checkTourText(tourText);
    return statusOf(tourText, r.ok ? [] : r.problems);
  });
  const [tour, setTour] = useState<Tour | null>(() => {
    const r = kind === 'tour' ? checkTourText(tourText) : null;
    return r?.ok ? r.tour : null;
  });
  const [link, setLink] = useState<LinkState>(null);
  const titleId = useId();
  const helpId = useId();
  const linkId = useId();

  // One Monaco editor per document shown; its model holds the text and the undo history.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const store = useAppStore;
    const model = monaco.editor.createModel(
      configLesson ? formatConfig(store.getState().configs[configLesson]) : tourText,
      'json',
      monaco.Uri.parse(configLesson ? `inmemory://glassbox/${configLesson}.config.json` : TOUR_URI),
    );
    const editor = monaco.editor.create(host, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 14,
      tabSize: 2,
      lineNumbersMinChars: 3,
      glyphMargin: false,
      fixedOverflowWidgets: true,
      renderValidationDecorations: 'on',
    });
    editorRef.current = editor;
    editor.focus();

    /** Marks the problems in the text and lists them below it. */
    const show = (problems: TextProblem[]) => {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markersOf(model, problems));
      setStatus(statusOf(model.getValue(), problems));
    };

    if (!configLesson) {
      // The tour document: checked on every edit; nothing applies until Play.
      const first = checkTourText(model.getValue());
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        markersOf(model, first.ok ? [] : first.problems),
      );
      const onTourEdit = model.onDidChangeContent(() => {
        const result = checkTourText(model.getValue());
        show(result.ok ? [] : result.problems);
        setTour(result.ok ? result.tour : null);
        setLink(null);
      });
      host.dataset.ready = 'true';
      return () => {
        onTourEdit.dispose();
        editor.dispose();
        model.dispose();
        editorRef.current = null;
        delete host.dataset.ready;
      };
    }

    let syncing = false;
    const onEdit = model.onDidChangeContent(() => {
      if (syncing) return;
      const result = checkConfigText(configLesson, model.getValue());
      if (!result.ok) return show(result.problems);
      show([]);
      // The same path a link or the embed API takes: validated, then the store's setConfig.
      if (!sameConfig(result.config, store.getState().configs[configLesson])) {
        store.getState().setConfig(configLesson, result.config);
      }
    });

    /** Writes the store's config into the text as an undoable edit (so Undo brings it back). */
    const replaceText = (text: string) => {
      editor.pushUndoStop();
      editor.executeEdits('glassbox', [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    };

    const unsubscribe = store.subscribe((s, prev) => {
      const config = s.configs[configLesson];
      if (config === prev.configs[configLesson]) return;
      const current = checkConfigText(configLesson, model.getValue());
      // Mid-edit with an invalid text: leave the user's text alone.
      if (!current.ok) return;
      if (sameConfig(current.config, config)) return;
      syncing = true;
      try {
        replaceText(formatConfig(config));
      } finally {
        syncing = false;
      }
      show([]);
    });

    host.dataset.ready = 'true';
    return () => {
      unsubscribe();
      onEdit.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
      delete host.dataset.ready;
    };
  }, [configLesson, tourText]);

  // The JSON Schema (completion and hover) and the label follow the document, the lesson and
  // the language (declared after the editor's effect, so on a lesson change it labels the new
  // editor).
  useEffect(() => {
    const translate = (key: string, params?: Record<string, unknown>) => t(key, params);
    jsonDefaults.setDiagnosticsOptions({
      validate: false,
      allowComments: false,
      enableSchemaRequest: false,
      schemas: [
        configLesson
          ? {
              uri: `https://glassbox.invalid/schema/${configLesson}.json`,
              fileMatch: [`inmemory://glassbox/${configLesson}.config.json`],
              schema: lessonJsonSchema(configLesson, translate),
            }
          : {
              uri: 'https://glassbox.invalid/schema/tour.json',
              fileMatch: [TOUR_URI],
              schema: tourEditorJsonSchema(translate),
            },
      ],
    });
    editorRef.current?.updateOptions({
      ariaLabel: configLesson
        ? t('tools.editor.label', { lesson: t(`lesson.${configLesson}`) })
        : t('tools.tourEditor.label'),
    });
  }, [configLesson, lang, t]);

  // After Copy link, the link field takes focus; selected where copying failed, for Ctrl+C.
  useEffect(() => {
    if (!link) return;
    linkRef.current?.focus();
    linkRef.current?.select();
  }, [link]);

  const copyLink = () => {
    if (!tour || document.kind !== 'tour') return;
    const url = document.link(tour);
    navigator.clipboard.writeText(url).then(
      () => setLink({ link: url, copied: true }),
      () => setLink({ link: url, copied: false }),
    );
  };

  const play = () => {
    if (tour && document.kind === 'tour') document.play(tour);
  };

  const run = (command: 'undo' | 'redo') => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.focus();
    editor.trigger('toolbar', command, null);
  };

  const reset = () => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    if (!configLesson) return;
    const config = useAppStore.getState().configs[configLesson];
    editor.pushUndoStop();
    editor.executeEdits('glassbox-reset', [
      {
        range: model.getFullModelRange(),
        text: formatConfig(defaultsFor(configLesson, config)),
      },
    ]);
    editor.pushUndoStop();
    editor.focus();
  };

  const reveal = (line: number) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column: 1 });
    editor.focus();
  };

  return (
    <aside
      className="config-editor"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={helpId}
      data-testid="editor"
      data-document={kind}
      onKeyDown={(e) => {
        // Monaco takes Escape itself while a suggestion list or hover is open.
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="config-editor-head">
        <h2 id={titleId}>
          {configLesson
            ? `${t('tools.editor.title')} · ${t(`lesson.${configLesson}`)}`
            : t('tools.tourEditor.title')}
        </h2>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('tools.editor.close')}
          title={t('tools.editor.close')}
          data-testid="editor.close"
        >
          ✕
        </button>
      </div>
      <div className="config-editor-tools" role="toolbar" aria-label={t('tools.editor.title')}>
        <button type="button" onClick={() => run('undo')} data-testid="editor.undo">
          ↶ {t('tools.editor.undo')}
        </button>
        <button type="button" onClick={() => run('redo')} data-testid="editor.redo">
          ↷ {t('tools.editor.redo')}
        </button>
        {configLesson ? (
          <button type="button" onClick={reset} data-testid="editor.reset">
            {t('tools.editor.reset')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              onClick={play}
              disabled={!tour}
              data-testid="editor.tour.play"
            >
              ▶ {t('tools.tourEditor.play')}
            </button>
            <button
              type="button"
              onClick={copyLink}
              disabled={!tour}
              data-testid="editor.tour.copy-link"
            >
              {t('tools.tourEditor.copyLink')}
            </button>
          </>
        )}
      </div>
      {link && (
        <div className="config-editor-link">
          <label htmlFor={linkId}>{t('tools.tourEditor.link')}</label>
          <input
            ref={linkRef}
            id={linkId}
            type="text"
            readOnly
            value={link.link}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="editor.tour.link"
          />
          <p role="status" data-testid="editor.tour.link-status">
            {link.copied ? t('tools.tourEditor.copied') : t('tools.tourEditor.copyFailed')}
          </p>
        </div>
      )}
      <p id={helpId} className="config-editor-help">
        {configLesson ? t('tools.editor.help') : t('tools.tourEditor.help')}
      </p>
      <div ref={hostRef} className="config-editor-host" data-testid="editor.monaco" />
      <div
        className={status.ok ? 'config-editor-status ok' : 'config-editor-status invalid'}
        role="status"
        data-testid="editor.status"
        data-valid={status.ok}
      >
        {status.ok ? (
          <p>
            {configLesson
              ? t('tools.editor.applied')
              : t('tools.tourEditor.valid', { count: tour?.steps.length ?? 0 })}
          </p>
        ) : (
          <>
            <p>
              {t(configLesson ? 'tools.editor.invalid' : 'tools.tourEditor.invalid', {
                count: status.problems.length,
              })}
            </p>
            <ul>
              {status.problems.slice(0, 6).map((p, i) => (
                <li key={i} data-testid="editor.problem" data-field={p.field}>
                  <button type="button" className="link-button" onClick={() => reveal(p.line)}>
                    {t('tools.editor.line', { line: p.line })}
                  </button>{' '}
                  <code>{p.field === 'json' ? t('tools.editor.syntax') : p.field}</code>:{' '}
                  {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </aside>
  );
}
