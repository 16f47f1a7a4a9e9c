import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterExport } from '../../../store/exports';
import { problemsOf } from '../../../store/lessonRegistry';
import { useAppStore } from '../../../store/store';
import type { MatrixCell } from '../../../viz/TokenHeatmap';
import { ModelStatus } from '../../shared/ModelStatus';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useAttnConfig, useAttnStep } from '../config';
import {
  ATTN_MODEL_FACTS,
  ATTN_MODELS,
  modelConfigSchema,
  textChars,
  TOY_PRESETS,
  withModel,
  type AttnModel,
  type ModelConfig,
} from './config';
import { nextExport, stepExport, weightsExport } from './exportData';
import { HeadGrid } from './HeadGrid';
import { drawNext, NextTokenBars, SamplingControls } from './NextToken';
import { loadSpec, runTransformer, showToken, type TransformerRun } from './run';
import { StepBody, type Focus } from './StepBody';
import { MODEL_STEPS, stepAt } from './steps';
import './model.css';

/**
 * The attention model view: a trained character-level transformer on the user's text, every
 * stage of its forward pass step by step with the model's own numbers, all heads at once,
 * and the next-token distribution with live sampling and seeded generation.
 */
export function ModelView() {
  const { t } = useTranslation();
  const config = useAttnConfig() as ModelConfig;
  const step = useAttnStep();
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const hide = useAppStore((s) => s.embed.hide);
  const lang = useAppStore((s) => s.lang);
  const card = useAppStore((s) => s.models[config.model]?.card);
  const [attempt, setAttempt] = useState(0);
  const [run, setRun] = useState<TransformerRun | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [hover, setHover] = useState<MatrixCell | null>(null);
  // A bad edit: the message naming the field, and the typed text (kept; the config is not).
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const { model, text } = config;

  useEffect(() => {
    loadSpec(model).catch(() => undefined);
  }, [model, attempt]);

  // Config → model run, in the worker; while typing only the newest text waits for it.
  useEffect(() => {
    let current = true;
    runTransformer({ model, text }).then(
      (r) => {
        if (current) setRun(r);
      },
      () => {
        if (current) setFailed(`${model}\n${text}`);
      },
    );
    return () => {
      current = false;
    };
  }, [model, text, attempt]);

  /** Validates a change against the schema; a bad one is reported by field and not applied. */
  const update = useCallback(
    (patch: Partial<ModelConfig>): boolean => {
      const latest = useAppStore.getState().configs.attention as { mode: string };
      if (latest.mode !== 'model') return false;
      const parsed = modelConfigSchema.safeParse({ ...latest, ...patch });
      if (!parsed.success) {
        setProblem(
          problemsOf(parsed.error, 'config')
            .map((p) => t('attn.model.badField', { field: p.field, message: p.message }))
            .join('; '),
        );
        return false;
      }
      setProblem(null);
      setConfig('attention', parsed.data);
      return true;
    },
    [setConfig, t],
  );

  const go = useCallback((n: number) => setStep('attention', n), [setStep]);
  useStepKeys(step, MODEL_STEPS.length, go);
  const playback = usePlayback(step, MODEL_STEPS.length, go);

  const facts = ATTN_MODEL_FACTS[model];
  const shown = (name: string) => !hide.includes(name);
  // A run of another model cannot be drawn with this model's layer and head.
  const usable = run && run.model === model ? run : null;
  const busy = !usable || usable.text !== text;
  const runFailed = failed === `${model}\n${text}` && busy;
  const n = usable?.chars.length ?? 0;
  const locked = config.cell && config.cell.row < n && config.cell.col < n ? config.cell : null;
  const at = hover ?? locked;
  const focus: Focus = { row: at?.row ?? null, col: at?.col ?? null };
  const stepId = stepAt(step);
  const chars = textChars(text);
  const draw = usable && !busy ? drawNext(usable, config.sampling) : null;
  const full = chars.length >= facts.context;

  // The numbers drawn on canvases, for the export dialog (only for the run on screen).
  const shownRun = usable && !busy ? usable : null;
  const none = { json: null, csv: '' };
  useRegisterExport(t('classroom.export.names.attnWeights'), () =>
    shownRun ? weightsExport(shownRun, config.layer, config.head) : none,
  );
  useRegisterExport(t('classroom.export.names.attnStep'), () =>
    shownRun ? stepExport(shownRun, stepId, config.layer, config.head) : none,
  );
  useRegisterExport(t('classroom.export.names.attnNext'), () =>
    shownRun ? nextExport(shownRun, config.sampling) : none,
  );

  const select = (cell: MatrixCell) => {
    const same = locked && locked.row === cell.row && locked.col === cell.col;
    update({ cell: same ? null : cell });
  };

  const generate = () => {
    if (!usable || busy || !draw || full) return;
    update({
      text: text + draw.token,
      generated: config.generated + 1,
      cell: { row: chars.length, col: chars.length },
    });
  };

  const pickModel = (m: AttnModel) => {
    setDraft(null);
    setHover(null);
    update(withModel(config, m));
  };

  return (
    <div className="attn-model">
      <p className="lead">{t('attn.model.lead')}</p>
      <ModelStatus model={model} onRetry={() => setAttempt((a) => a + 1)} />
      <div className="attn-model-top">
        <div className="panel attn-input-panel">
          {shown('model-picker') && (
            <label className="attn-field">
              <span>{t('attn.model.modelLabel')}</span>
              <select
                value={model}
                onChange={(e) => pickModel(e.target.value as AttnModel)}
                data-testid="attention.model.picker"
              >
                {ATTN_MODELS.map((m) => (
                  <option key={m} value={m}>
                    {t(`attn.model.models.${m}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {lang === 'zh-CN' && model === 'char_gpt_en' && shown('model-picker') && (
            <p className="hint">
              {t('attn.model.suggestZh')}{' '}
              <button type="button" onClick={() => pickModel('char_gpt_zh')}>
                {t('attn.model.useZh')}
              </button>
            </p>
          )}
          {model === 'toy_reverse' && (
            <>
              <p className="hint" data-testid="attention.model.toy-task">
                {t('attn.model.toyTask', {
                  separator: usable?.spec.task?.separator ?? '>',
                  min: usable?.spec.task?.minLength ?? 1,
                  max: usable?.spec.task?.maxLength ?? 7,
                })}
              </p>
              <div className="attn-presets" role="group" aria-label={t('attn.model.presets')}>
                {TOY_PRESETS.map((p) => (
                  <button
                    key={p}
                    type="button"
                    aria-pressed={text === p}
                    onClick={() => {
                      setDraft(null);
                      update({ text: p, generated: 0, cell: null });
                    }}
                  >
                    {p}
                  </button>
                ))}
              </div>
            </>
          )}
          {shown('model-text') && (
            <label className="attn-field attn-text">
              <span>{t('attn.model.textLabel')}</span>
              <textarea
                rows={2}
                spellCheck={false}
                value={draft ?? text}
                aria-invalid={draft !== null}
                aria-describedby="attn-text-hint"
                onChange={(e) => {
                  const v = e.target.value;
                  const ok = update({ text: v, generated: 0, cell: null });
                  setDraft(ok ? null : v);
                }}
                data-testid="attention.model.text"
              />
            </label>
          )}
          <p id="attn-text-hint" className="hint">
            {t('attn.model.textHint', { count: facts.context })}
          </p>
          {problem && (
            <p className="matrix-error" role="alert" data-testid="attention.model.problem">
              {problem}
            </p>
          )}
          {shown('model-tokens') && usable && (
            <TokenStrip
              run={usable}
              generated={config.generated}
              focus={focus}
              onHover={(i) => setHover(i === null ? null : { row: i, col: i })}
            />
          )}
          {card && usable && (
            <p className="model-card" data-testid="attention.model.card">
              {t('attn.model.modelCard', {
                params: card.parameterCount.toLocaleString(lang),
                layers: usable.spec.layers,
                heads: usable.spec.heads,
                d: usable.spec.dModel,
              })}
            </p>
          )}
        </div>
        {shown('model-next') && (
          <div
            className="panel attn-next-panel"
            aria-busy={busy}
            aria-live="polite"
            data-testid="attention.model.next"
            data-export="next-token"
          >
            <h2>{t('attn.model.next')}</h2>
            <p className="hint">{t('attn.model.nextHint')}</p>
            <SamplingControls
              sampling={config.sampling}
              vocabSize={usable?.spec.vocab.length ?? 40}
              onChange={(sampling) => update({ sampling })}
            />
            {usable && (
              <NextTokenBars
                run={usable}
                sampling={config.sampling}
                testIdPrefix="attention.model.next"
              />
            )}
            <div className="attn-generate">
              <button
                type="button"
                onClick={generate}
                disabled={busy || full}
                title={t('attn.model.generateHint')}
                data-testid="attention.model.generate"
              >
                {t('attn.model.generate')}
                {draw && !full ? ` “${showToken(draw.token)}”` : ''}
              </button>
              {config.generated > 0 && (
                <button
                  type="button"
                  onClick={() =>
                    update({
                      text: chars.slice(0, chars.length - config.generated).join(''),
                      generated: 0,
                      cell: null,
                    })
                  }
                  data-testid="attention.model.undo"
                >
                  {t('attn.model.undo')}
                </button>
              )}
            </div>
            {full && <p className="hint">{t('attn.model.full', { count: facts.context })}</p>}
          </div>
        )}
      </div>
      {runFailed && (
        <p className="matrix-error" role="alert">
          {t('attn.model.failed')}
        </p>
      )}
      {shown('model-steps') && (
        <div
          className="panel attn-steps-panel"
          aria-busy={busy}
          data-testid="attention.model.steps"
        >
          <div className="attn-steps-head">
            <h2>{t('attn.model.steps')}</h2>
            <label className="attn-field">
              <span>{t('attn.model.layer')}</span>
              <select
                value={config.layer}
                onChange={(e) => update({ layer: Number(e.target.value) })}
                data-testid="attention.model.layer"
              >
                {Array.from({ length: facts.layers }, (_, l) => (
                  <option key={l} value={l}>
                    {l + 1}
                  </option>
                ))}
              </select>
            </label>
            <label className="attn-field">
              <span>{t('attn.model.head')}</span>
              <select
                value={config.head}
                onChange={(e) => update({ head: Number(e.target.value) })}
                data-testid="attention.model.head"
              >
                {Array.from({ length: facts.heads }, (_, h) => (
                  <option key={h} value={h}>
                    {h + 1}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="hint">{t('attn.model.stepsHint')}</p>
          <StepControls
            step={step}
            count={MODEL_STEPS.length}
            go={go}
            playback={playback}
            stepName={t(`attn.model.step.${stepId}`)}
            testIdPrefix="attention.model.step"
          />
          <h3 data-testid="attention.model.step.title">{t(`attn.model.step.${stepId}`)}</h3>
          {locked && usable && (
            <p className="attn-locked" data-testid="attention.model.locked">
              {t('attn.model.locked', {
                query: showToken(usable.chars[locked.row]!),
                key: showToken(usable.chars[locked.col]!),
                row: locked.row,
                col: locked.col,
              })}{' '}
              <button type="button" onClick={() => update({ cell: null })}>
                {t('attn.model.unlock')}
              </button>
            </p>
          )}
          {usable && (
            <StepBody
              step={stepId}
              run={usable}
              layer={config.layer}
              head={config.head}
              sampling={config.sampling}
              focus={focus}
              locked={locked}
              onHover={setHover}
              onSelect={select}
            />
          )}
        </div>
      )}
      {shown('model-heads') && usable && (
        <div
          className="panel attn-heads-panel"
          data-testid="attention.model.heads"
          data-export="heads"
        >
          <h2>{t('attn.model.heads')}</h2>
          <p className="hint">{t('attn.model.headsHint')}</p>
          <HeadGrid
            run={usable}
            layer={config.layer}
            head={config.head}
            onOpen={(l, h) => {
              if (update({ layer: l, head: h })) go(MODEL_STEPS.indexOf('weights'));
            }}
          />
        </div>
      )}
    </div>
  );
}

/** The text as tokens: each character with its id; unknown and generated ones marked. */
function TokenStrip({
  run,
  generated,
  focus,
  onHover,
}: {
  run: TransformerRun;
  generated: number;
  focus: Focus;
  onHover: (position: number | null) => void;
}) {
  const { t } = useTranslation();
  const unknown = run.unknown.filter(Boolean).length;
  const firstGenerated = run.chars.length - generated;
  return (
    <div className="attn-tokens">
      <h2>{t('attn.model.tokens')}</h2>
      <ol
        className="attn-token-strip"
        data-testid="attention.model.tokens"
        data-ids={run.ids.join(',')}
        onPointerLeave={() => onHover(null)}
      >
        {run.chars.map((c, i) => {
          const classes = [
            'attn-token',
            run.unknown[i] ? 'unknown' : '',
            i >= firstGenerated ? 'generated' : '',
            i === focus.row ? 'query' : '',
            i === focus.col ? 'key' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <li
              key={i}
              className={classes}
              title={
                t('attn.model.tokenTitle', { position: i, token: c, id: run.ids[i] }) +
                (run.unknown[i] ? ` — ${t('attn.model.unknownToken')}` : '')
              }
              onPointerEnter={() => onHover(i)}
              data-unknown={run.unknown[i] || undefined}
            >
              <span className="attn-token-char">{showToken(c)}</span>
              <span className="attn-token-id">{run.ids[i]}</span>
              {run.unknown[i] && (
                <span className="visually-hidden">{t('attn.model.unknownToken')}</span>
              )}
              {i >= firstGenerated && (
                <span className="visually-hidden">{t('attn.model.generatedMark')}</span>
              )}
            </li>
          );
        })}
      </ol>
      {unknown > 0 && (
        <p className="attn-unknown-note" data-testid="attention.model.unknown">
          {t('attn.model.unknownCount', { count: unknown })}
        </p>
      )}
      {run.dropped.length > 0 && (
        <p className="attn-unknown-note" data-testid="attention.model.dropped">
          {t('attn.model.dropped', { chars: run.dropped.join(' ') })}
        </p>
      )}
    </div>
  );
}
