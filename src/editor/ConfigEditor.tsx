import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import {
  checkConfigText,
  defaultsFor,
  formatConfig,
  lessonJsonSchema,
  sameConfig,
  type TextProblem,
} from './configText';
import { jsonDefaults, monaco } from './monaco';
import './editor.css';

interface ShownProblem {
  field: string;
  message: string;
  line: number;
}

type Status = { ok: true } | { ok: false; problems: ShownProblem[] };

const MARKER_OWNER = 'glassbox';

/**
 * The config editor: the current lesson's config as JSON in Monaco, in a side panel (a bottom
 * sheet on phones). Valid edits go to the store at once; an invalid text is marked and the
 * view keeps its last valid config. Control changes flow back into the text unless the user
 * is in the middle of an invalid edit. Lazy-loaded: default export for React.lazy.
 */
export default function ConfigEditor({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const lesson = useAppStore((s) => s.lesson);
  const lang = useAppStore((s) => s.lang);
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [status, setStatus] = useState<Status>({ ok: true });
  const titleId = useId();
  const helpId = useId();

  // One Monaco editor per lesson shown; its model holds the text and the undo history.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const store = useAppStore;
    const model = monaco.editor.createModel(
      formatConfig(store.getState().configs[lesson]),
      'json',
      monaco.Uri.parse(`inmemory://glassbox/${lesson}.config.json`),
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
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        problems.map((p) => {
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
        }),
      );
      setStatus(
        problems.length === 0
          ? { ok: true }
          : {
              ok: false,
              problems: problems.map((p) => ({
                field: p.field,
                message: p.message,
                line: model.getPositionAt(p.offset).lineNumber,
              })),
            },
      );
    };

    let syncing = false;
    const onEdit = model.onDidChangeContent(() => {
      if (syncing) return;
      const result = checkConfigText(lesson, model.getValue());
      if (!result.ok) return show(result.problems);
      show([]);
      // The same path a link or the embed API takes: validated, then the store's setConfig.
      if (!sameConfig(result.config, store.getState().configs[lesson])) {
        store.getState().setConfig(lesson, result.config);
      }
    });

    /** Writes the store's config into the text as an undoable edit (so Undo brings it back). */
    const replaceText = (text: string) => {
      editor.pushUndoStop();
      editor.executeEdits('glassbox', [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    };

    const unsubscribe = store.subscribe((s, prev) => {
      const config = s.configs[lesson];
      if (config === prev.configs[lesson]) return;
      const current = checkConfigText(lesson, model.getValue());
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
  }, [lesson]);

  // The JSON Schema (completion and hover) and the label follow the lesson and the language
  // (declared after the editor's effect, so on a lesson change it labels the new editor).
  useEffect(() => {
    jsonDefaults.setDiagnosticsOptions({
      validate: false,
      allowComments: false,
      enableSchemaRequest: false,
      schemas: [
        {
          uri: `https://glassbox.invalid/schema/${lesson}.json`,
          fileMatch: [`inmemory://glassbox/${lesson}.config.json`],
          schema: lessonJsonSchema(lesson, (key, params) => t(key, params)),
        },
      ],
    });
    editorRef.current?.updateOptions({
      ariaLabel: t('tools.editor.label', { lesson: t(`lesson.${lesson}`) }),
    });
  }, [lesson, lang, t]);

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
    const config = useAppStore.getState().configs[lesson];
    editor.pushUndoStop();
    editor.executeEdits('glassbox-reset', [
      { range: model.getFullModelRange(), text: formatConfig(defaultsFor(lesson, config)) },
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
          {t('tools.editor.title')} · {t(`lesson.${lesson}`)}
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
        <button type="button" onClick={reset} data-testid="editor.reset">
          {t('tools.editor.reset')}
        </button>
      </div>
      <p id={helpId} className="config-editor-help">
        {t('tools.editor.help')}
      </p>
      <div ref={hostRef} className="config-editor-host" data-testid="editor.monaco" />
      <div
        className={status.ok ? 'config-editor-status ok' : 'config-editor-status invalid'}
        role="status"
        data-testid="editor.status"
        data-valid={status.ok}
      >
        {status.ok ? (
          <p>{t('tools.editor.applied')}</p>
        ) : (
          <>
            <p>{t('tools.editor.invalid', { count: status.problems.length })}</p>
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
