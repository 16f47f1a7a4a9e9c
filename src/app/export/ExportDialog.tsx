import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store';
import { Dialog } from '../classroom/Dialog';
import { collectData, collectFigures, type DataItem, type Figure } from './collect';
import { download, figureToPng, figureToSvg } from './render';

/** What the export dialog offers, read from the page when it opens. */
export interface ExportSnapshot {
  figures: Figure[];
  data: DataItem[];
}

/** Reads the current view's figures and numbers (call when opening the dialog). */
export function snapshotExports(wholeLabel: string): ExportSnapshot {
  const main = document.querySelector('main') ?? document.body;
  return { figures: collectFigures(main, wholeLabel), data: collectData(main) };
}

/** Export the current view as PNG / SVG, and its numbers as CSV / JSON. */
export function ExportDialog({
  snapshot,
  onClose,
}: {
  snapshot: ExportSnapshot | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={snapshot !== null}
      onClose={onClose}
      title={t('classroom.export.title')}
      testId="export.dialog"
    >
      {snapshot && <ExportBody snapshot={snapshot} />}
    </Dialog>
  );
}

function ExportBody({ snapshot }: { snapshot: ExportSnapshot }) {
  const { t } = useTranslation();
  const lesson = useAppStore((s) => s.lesson);
  const [figureId, setFigureId] = useState(snapshot.figures[0]?.id ?? '');
  const [dataId, setDataId] = useState(snapshot.data[0]?.id ?? '');
  const [status, setStatus] = useState('');
  const figureSelect = useId();
  const dataSelect = useId();
  const figure = snapshot.figures.find((f) => f.id === figureId);
  const item = snapshot.data.find((d) => d.id === dataId);

  const run = (make: () => Promise<{ data: Blob | string; file: string; type: string }>) => {
    setStatus(t('classroom.export.working'));
    make().then(
      ({ data, file, type }) => {
        download(data, file, type);
        setStatus(t('classroom.export.done', { file }));
      },
      (e: unknown) =>
        setStatus(
          t('classroom.export.failed', { detail: e instanceof Error ? e.message : String(e) }),
        ),
    );
  };
  const name = (id: string, ext: string) => `glassbox-${lesson}-${id}.${ext}`;

  return (
    <div className="export-body">
      <fieldset>
        <legend>
          <label htmlFor={figureSelect}>{t('classroom.export.figure')}</label>
        </legend>
        <select
          id={figureSelect}
          value={figureId}
          onChange={(e) => setFigureId(e.target.value)}
          data-testid="export.figure"
        >
          {snapshot.figures.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <div className="export-buttons">
          <button
            type="button"
            disabled={!figure}
            onClick={() =>
              run(async () => ({
                data: await figureToPng(figure!.element),
                file: name(figure!.id, 'png'),
                type: 'image/png',
              }))
            }
            data-testid="export.png"
          >
            {t('classroom.export.png')}
          </button>
          <button
            type="button"
            disabled={!figure}
            onClick={() =>
              run(async () => ({
                data: await figureToSvg(figure!.element),
                file: name(figure!.id, 'svg'),
                type: 'image/svg+xml',
              }))
            }
            data-testid="export.svg"
          >
            {t('classroom.export.svg')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>
          <label htmlFor={dataSelect}>{t('classroom.export.data')}</label>
        </legend>
        {snapshot.data.length === 0 ? (
          <p data-testid="export.no-data">{t('classroom.export.noData')}</p>
        ) : (
          <>
            <select
              id={dataSelect}
              value={dataId}
              onChange={(e) => setDataId(e.target.value)}
              data-testid="export.data"
            >
              {snapshot.data.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
            <div className="export-buttons">
              <button
                type="button"
                disabled={!item}
                onClick={() =>
                  run(() =>
                    Promise.resolve({
                      data: item!.get().csv ?? '',
                      file: name(item!.id, 'csv'),
                      type: 'text/csv',
                    }),
                  )
                }
                data-testid="export.csv"
              >
                {t('classroom.export.csv')}
              </button>
              <button
                type="button"
                disabled={!item}
                onClick={() =>
                  run(() =>
                    Promise.resolve({
                      data: `${JSON.stringify({ lesson, name: item!.label, ...wrap(item!.get().json) }, null, 2)}\n`,
                      file: name(item!.id, 'json'),
                      type: 'application/json',
                    }),
                  )
                }
                data-testid="export.json"
              >
                {t('classroom.export.json')}
              </button>
            </div>
          </>
        )}
      </fieldset>
      <p role="status" className="export-status" data-testid="export.status">
        {status}
      </p>
    </div>
  );
}

/** An object's fields are kept at the top level; any other value goes under `data`. */
const wrap = (json: unknown): Record<string, unknown> =>
  typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : { data: json };
