import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useRegisterExport } from '../../../store/exports';
import { problemsOf } from '../../../store/lessonRegistry';
import { useAppStore } from '../../../store/store';
import type { MatrixCell } from '../../../viz/TokenHeatmap';
import { ModelStatus, useModelFailed } from '../../shared/ModelStatus';
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
import { MODEL_STEPS, stepAt, type ModelStepId } from './steps';
import { stepTex } from './formula';
import { Stage, StagePanel } from '../../shared/Stage';
import { FlowDiagram, type FlowEdge, type FlowNode } from '../../../viz/FlowDiagram';
import { Formula } from '../../../viz/Formula';
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
      const latest = useAppStore.getState().configs.attention as {
        mode: string;
        model?: AttnModel;
        text?: string;
      };
      if (latest.mode !== 'model') return false;
      const parsed = modelConfigSchema.safeParse({ ...latest, ...patch });
      if (!parsed.success) {
        const n = textChars(patch.text ?? latest.text ?? '').length;
        setProblem(
          problemsOf(parsed.error, 'config')
            .map((p) =>
              problemInWords(
                t,
                p.field,
                p.message,
                ATTN_MODEL_FACTS[patch.model ?? latest.model ?? 'char_gpt_en'].context,
                n,
              ),
            )
            .join(' '),
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
  // A missing model is said once, by ModelStatus: no follow-on message about this text.
  const modelFailed = useModelFailed(model);
  const runFailed = failed === `${model}\n${text}` && busy && !modelFailed;
  const n = usable?.chars.length ?? 0;
  const locked = config.cell && config.cell.row < n && config.cell.col < n ? config.cell : null;
  const at = hover ?? locked;
  const focus: Focus = { row: at?.row ?? null, col: at?.col ?? null };
  const stepId = stepAt(step);
  const chars = textChars(text);
  const draw = usable && !busy ? drawNext(usable, config.sampling) : null;
  const full = chars.length >= facts.context;
  // The digit reverser's answer ends at its end mark: nothing comes after it.
  const endMark = usable?.spec.task?.end;
  const toyEnded = endMark !== undefined && chars.at(-1) === endMark;
  const endedNote = toyEnded ? t('attn.model.toyEnded', { end: endMark }) : null;

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
    if (!usable || busy || !draw || full || toyEnded) return;
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

  const stepName = t(`attn.model.step.${stepId}`);
  // The formula's live numbers: the hovered or locked cell, else the last character looking
  // at the one before it.
  const formulaCell = at ?? { row: n - 1, col: Math.max(0, n - 2) };
  // After the toy's end mark there is no next token, so no formula for one.
  const tex =
    usable && n > 0 && !(toyEnded && stepId === 'next')
      ? stepTex(stepId, usable, config.layer, config.head, formulaCell, config.sampling)
      : null;
  const bar = (
    <>
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
      {shown('model-text') && (
        <label className="attn-field attn-text">
          <span>{t('attn.model.textLabel')}</span>
          <input
            type="text"
            spellCheck={false}
            autoComplete="off"
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
      {model === 'toy_reverse' && (
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
      )}
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
      {shown('model-steps') && (
        <StepControls
          step={step}
          count={MODEL_STEPS.length}
          go={go}
          playback={playback}
          stepName={stepName}
          testIdPrefix="attention.model.step"
        />
      )}
      {problem && (
        <p
          className="matrix-error attn-bar-note"
          role="alert"
          data-testid="attention.model.problem"
        >
          {problem}
        </p>
      )}
      {runFailed && (
        <p className="matrix-error attn-bar-note" role="alert">
          {t('attn.model.failed')}
        </p>
      )}
    </>
  );

  const overview = (
    <FlowDiagram
      nodes={MODEL_FLOW.map((f) => ({
        ...f,
        label: t(`attn.model.flow.${f.id}`),
        name: t(`attn.model.step.${f.id}`),
      }))}
      edges={MODEL_EDGES}
      current={stepId}
      onSelect={(id) => go(MODEL_STEPS.indexOf(id as ModelStepId))}
      label={t('attn.model.flowLabel')}
      testIdPrefix="attention.model.flow"
      cell={{ w: 124, h: 46 }}
    />
  );

  const caption = (
    <p>
      {t(`attn.model.caption.${stepId}`, {
        dk: usable?.spec.dK ?? 16,
        layer: config.layer + 1,
        head: config.head + 1,
      })}{' '}
      {locked && usable && (
        <span className="attn-locked" data-testid="attention.model.locked">
          {t('attn.model.locked', {
            query: showToken(usable.chars[locked.row]!),
            key: showToken(usable.chars[locked.col]!),
            row: locked.row,
            col: locked.col,
          })}{' '}
          <button type="button" onClick={() => update({ cell: null })}>
            {t('attn.model.unlock')}
          </button>
        </span>
      )}
    </p>
  );

  const side = (
    <>
      <StagePanel title={t('attn.model.about')} testId="attention.model.about">
        <p className="hint">{t('attn.model.lead')}</p>
        {lang === 'zh-CN' && model === 'char_gpt_en' && shown('model-picker') && (
          <p className="hint">
            {t('attn.model.suggestZh')}{' '}
            <button type="button" onClick={() => pickModel('char_gpt_zh')}>
              {t('attn.model.useZh')}
            </button>
          </p>
        )}
        {model === 'toy_reverse' && (
          <p className="hint" data-testid="attention.model.toy-task">
            {t('attn.model.toyTask', {
              separator: usable?.spec.task?.separator ?? '>',
              end: usable?.spec.task?.end ?? '.',
              min: usable?.spec.task?.minLength ?? 1,
              max: usable?.spec.task?.maxLength ?? 8,
            })}
          </p>
        )}
        <p id="attn-text-hint" className="hint">
          {t('attn.model.textHint', { count: facts.context })} {t('attn.model.stepsHint')}
        </p>
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
      </StagePanel>
      {shown('model-next') && (
        <StagePanel title={t('attn.model.next')} testId="attention.model.next-panel">
          <div
            className="attn-next-panel"
            aria-busy={busy}
            aria-live="polite"
            data-testid="attention.model.next"
            data-export="next-token"
          >
            <p className="hint">{t('attn.model.nextHint')}</p>
            <SamplingControls
              sampling={config.sampling}
              vocabSize={usable?.spec.vocab.length ?? 40}
              onChange={(sampling) => update({ sampling })}
            />
            {usable && !toyEnded && (
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
                disabled={busy || full || toyEnded}
                title={t('attn.model.generateHint')}
                aria-describedby={toyEnded ? 'attn-toy-ended' : undefined}
                data-testid="attention.model.generate"
              >
                {t('attn.model.generate')}
                {draw && !full && !toyEnded ? ` “${showToken(draw.token)}”` : ''}
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
            {toyEnded && (
              <p className="hint" id="attn-toy-ended" data-testid="attention.model.ended">
                {t('attn.model.toyEnded', { end: usable?.spec.task?.end ?? '.' })}
              </p>
            )}
            {full && <p className="hint">{t('attn.model.full', { count: facts.context })}</p>}
          </div>
        </StagePanel>
      )}
      {shown('model-heads') && usable && (
        <StagePanel title={t('attn.model.heads')} testId="attention.model.heads-panel">
          <div data-testid="attention.model.heads" data-export="heads">
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
        </StagePanel>
      )}
    </>
  );

  return (
    <div className="attn-model" data-testid="attention.model.steps" aria-busy={busy}>
      <ModelStatus model={model} onRetry={() => setAttempt((a) => a + 1)} />
      <Stage
        id="attention"
        label={t('attn.model.stageLabel')}
        bar={bar}
        overview={shown('model-steps') ? overview : undefined}
        title={<span data-testid="attention.model.step.title">{stepName}</span>}
        formula={
          tex && (
            <Formula
              tex={tex}
              display
              testId="attention.model.formula"
              className={busy ? 'stale' : undefined}
            />
          )
        }
        caption={caption}
        figure={
          usable ? (
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
              ended={endedNote}
            />
          ) : (
            <p className="hint">{t('attn.model.busy')}</p>
          )
        }
        side={side}
        focusKey={[step, config.layer, config.head]}
        busy={busy}
      />
    </div>
  );
}

/** The overview: the transformer's forward pass as a snake of the 15 steps (two rows). */
const MODEL_FLOW: readonly Omit<FlowNode, 'label'>[] = MODEL_STEPS.map((id, i) => ({
  id,
  col: i < 8 ? i : 7 - (i - 8),
  row: i < 8 ? 0 : 1,
  kind:
    id === 'tokens' || id === 'next'
      ? 'data'
      : id === 'mlp' || id === 'proj' || id === 'embed'
        ? 'net'
        : 'op',
}));
const MODEL_EDGES: readonly FlowEdge[] = MODEL_STEPS.slice(1).map((id, i) => ({
  from: MODEL_STEPS[i]!,
  to: id,
}));

/**
 * A rejected edit said in words for the learner (the embed API and the editor keep the field
 * paths): the text's length in characters, the seed's range, else the field's name.
 */
function problemInWords(
  t: TFunction,
  field: string,
  message: string,
  context: number,
  n: number,
): string {
  if (field === 'config.text')
    return n === 0
      ? t('attn.model.problem.empty')
      : t('attn.model.problem.tooLong', { count: context, n });
  if (field === 'config.sampling.seed') return t('attn.model.problem.seed');
  const key = field.split('.').at(-1) ?? field;
  const name = FIELD_NAMES.includes(key) ? t(`attn.model.fields.${key}`) : key;
  return t('attn.model.problem.other', { field: name, message });
}
const FIELD_NAMES = ['text', 'layer', 'head', 'temperature', 'topK', 'topP', 'seed'];

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
      <h3>{t('attn.model.tokens')}</h3>
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
