/**
 * Picks the real data of the 2-D playground: a built-in distribution, or your own points —
 * drawn on the plane (mouse, pen or finger), pasted as CSV or uploaded as a .csv file. CSV
 * problems are listed by line and nothing is applied until the whole text reads.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DATA_KINDS,
  MAX_CUSTOM_POINTS,
  MIN_CUSTOM_POINTS,
  PLANE,
  formatPointsCsv,
  parsePointsCsv,
  sampleData,
  type CsvProblem,
  type DataKind,
  type DataSpec,
  type Point,
} from '../../../core/ganData';
import { REAL_STYLE, ScatterPlot, type PointSeries } from '../../../viz/ScatterPlot';
import '../gan.css';

export interface DataPickerProps {
  data: DataSpec;
  /** Seed of the real samples shown (the playground's seed). */
  seed: number;
  /** How many real samples to show for a built-in distribution. */
  sampleCount: number;
  onChange: (data: DataSpec) => void;
  /** Extra point sets drawn over the real data, e.g. the generator's samples. */
  extraSeries?: readonly PointSeries[];
}

export function DataPicker({ data, seed, sampleCount, onChange, extraSeries }: DataPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [csv, setCsv] = useState('');
  const [problems, setProblems] = useState<CsvProblem[] | null>(null);
  // Points drawn while there are still fewer than MIN_CUSTOM_POINTS (not a valid config yet).
  const [draft, setDraft] = useState<Point[]>([]);

  const custom = data.kind === 'custom' ? data.points : null;
  const real = useMemo(
    () => (data.kind === 'custom' ? data.points : sampleData(data, sampleCount, seed)),
    [data, sampleCount, seed],
  );
  const series = useMemo<PointSeries[]>(
    () => [
      {
        id: 'real',
        label: t(custom ? 'gan.data.yours' : 'gan.data.real'),
        points: custom ? [...custom, ...draft] : draft.length > 0 ? draft : real,
        ...REAL_STYLE,
      },
      ...(extraSeries ?? []),
    ],
    [t, custom, draft, real, extraSeries],
  );

  const pick = (kind: DataKind) => {
    setProblems(null);
    if (kind === 'custom') {
      if (custom) return;
      // Start from the points shown, so "your own" begins as an editable copy of them.
      const start = real
        .slice(0, Math.min(real.length, 64))
        .map(([x, y]) => [+x.toFixed(3), +y.toFixed(3)] as Point);
      setDraft([]);
      onChange({ kind: 'custom', points: start });
      return;
    }
    setDraft([]);
    onChange({ kind });
  };

  const addDrawn = (drawn: [number, number][]) => {
    const rounded = drawn.map(([x, y]) => [+x.toFixed(3), +y.toFixed(3)] as Point);
    const base = custom ?? [];
    const next = [...base, ...draft, ...rounded].slice(-MAX_CUSTOM_POINTS);
    if (next.length < MIN_CUSTOM_POINTS) {
      setDraft(next.slice(base.length));
      return;
    }
    setDraft([]);
    setProblems(null);
    onChange({ kind: 'custom', points: next });
  };

  const applyCsv = (text: string) => {
    const parsed = parsePointsCsv(text);
    if (!parsed.ok) {
      setProblems(parsed.problems);
      return;
    }
    setProblems(null);
    setDraft([]);
    onChange({ kind: 'custom', points: parsed.points });
  };

  const drawing = custom !== null || draft.length > 0;

  return (
    <section className="panel gan-data" aria-labelledby={`${id}-title`} data-testid="gan.data">
      <div>
        <ScatterPlot
          bounds={PLANE}
          series={series}
          onDraw={addDrawn}
          label={t(drawing ? 'gan.data.plotDraw' : 'gan.data.plot')}
          testId="gan.data.plot"
        />
      </div>
      <div className="gan-data-controls">
        <h2 id={`${id}-title`}>{t('gan.data.title')}</h2>
        <div className="gan-kinds" role="group" aria-label={t('gan.data.kind')}>
          {DATA_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={data.kind === k}
              onClick={() => pick(k)}
              data-testid={`gan.data.kind.${k}`}
            >
              {t(`gan.data.kinds.${k}`)}
            </button>
          ))}
        </div>
        <p className="gan-note">{t('gan.data.drawHint')}</p>
        {draft.length > 0 && !custom && (
          <p className="gan-note" role="status">
            {t('gan.data.needMore', { count: MIN_CUSTOM_POINTS, have: draft.length })}
          </p>
        )}
        <label htmlFor={`${id}-csv`}>{t('gan.data.csv')}</label>
        <textarea
          id={`${id}-csv`}
          value={csv}
          placeholder={'x,y\n0.5,0.5\n-0.25,0.1'}
          spellCheck={false}
          className={problems ? 'invalid' : undefined}
          aria-invalid={problems ? true : undefined}
          aria-describedby={problems ? `${id}-problems` : undefined}
          onChange={(e) => setCsv(e.target.value)}
          data-testid="gan.data.csv"
        />
        <div className="gan-data-actions">
          <button type="button" onClick={() => applyCsv(csv)} data-testid="gan.data.csv-apply">
            {t('gan.data.csvApply')}
          </button>
          <label className="upload">
            {t('gan.data.csvFile')}
            <input
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              className="visually-hidden"
              data-testid="gan.data.csv-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (!file) return;
                void file.text().then((text) => {
                  setCsv(text);
                  applyCsv(text);
                });
              }}
            />
          </label>
          {custom && (
            <>
              <button
                type="button"
                onClick={() => setCsv(formatPointsCsv(custom))}
                data-testid="gan.data.csv-export"
              >
                {t('gan.data.csvExport')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setDraft([]);
                  onChange({ kind: 'ring' });
                }}
                data-testid="gan.data.clear"
              >
                {t('gan.data.clear')}
              </button>
            </>
          )}
        </div>
        {problems && (
          <div
            id={`${id}-problems`}
            className="gan-csv-problems"
            role="alert"
            data-testid="gan.data.csv-problems"
          >
            {t('gan.data.csvProblems')}
            <ul>
              {problems.map((p) => (
                <li key={`${p.line}-${p.message}`}>
                  {t('gan.data.csvLine', { line: p.line, message: p.message })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
