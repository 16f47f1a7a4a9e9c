/**
 * The GAN losses on their own, on the lesson stage: the overview (D's outputs → the loss terms
 * → L_D and L_G → the gradient G gets) with the current part lit; the current step's formula
 * typeset with the live numbers; its curves, large, with the batch's D outputs marked; the
 * batch editor, all three losses and every term in the side column. Every number comes from
 * core/ganLoss (tested against PyTorch).
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GAN_LOSSES, ganLossTerms, ganLosses, type GanLoss } from '../../../core/ganLoss';
import { problemsOf } from '../../../store/lessonRegistry';
import { useAppStore } from '../../../store/store';
import { FlowDiagram, type FlowEdge, type FlowNode } from '../../../viz/FlowDiagram';
import { Formula } from '../../../viz/Formula';
import { Stage, StagePanel } from '../../shared/Stage';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useGanConfig, useGanStep } from '../config';
import '../gan.css';
import { BatchEditor } from './BatchEditor';
import { lossesConfigSchema, lossesDefaults, type LossesConfig } from './config';
import { fmt4, fmtP } from './format';
import { stepTex } from './formula';
import { LossFigure } from './LossCurves';
import { LOSSES_STEPS, type LOSSES_HIDEABLE, type LossesStep } from './lessonParts';
import { LossTerms } from './LossTerms';
import { LOSS_PRESETS, lossPreset, matchLossPreset, type LossPreset } from './presets';

/** What the widely copied example prints for its L_D (a loss of −log terms cannot be < 0). */
export const COPIED_WRONG_LOSS_D = -1.3956;

/** The overview's part for each step, and what the step lights on the way to it. */
const FLOW_FOCUS: Record<LossesStep, { current: string; lit: string[] }> = {
  dReal: { current: 'realTerm', lit: ['dReal', 'dReal>realTerm'] },
  dFake: { current: 'fakeTerm', lit: ['dFake', 'dFake>fakeTerm'] },
  lossD: { current: 'lossD', lit: ['realTerm', 'fakeTerm', 'realTerm>lossD', 'fakeTerm>lossD'] },
  lossG: { current: 'lossG', lit: ['dFake', 'genTerm', 'dFake>genTerm', 'genTerm>lossG'] },
  gradient: { current: 'grad', lit: ['lossG', 'lossG>grad'] },
};
const NODE_STEP: Record<string, LossesStep> = {
  dReal: 'dReal',
  realTerm: 'dReal',
  dFake: 'dFake',
  fakeTerm: 'dFake',
  lossD: 'lossD',
  genTerm: 'lossG',
  lossG: 'lossG',
  grad: 'gradient',
};
const TERM_LABEL: Record<'real' | 'fake', Record<'log' | 'lsgan', string>> = {
  real: { log: '−log D(x)', lsgan: '½(D(x) − 1)²' },
  fake: { log: '−log(1 − D(G(z)))', lsgan: '½·D(G(z))²' },
};
const GEN_LABEL: Record<GanLoss, string> = {
  minimax: 'log(1 − D(G(z)))',
  'non-saturating': '−log D(G(z))',
  lsgan: '½(D(G(z)) − 1)²',
};
const EDGES: FlowEdge[] = [
  { from: 'dReal', to: 'realTerm' },
  { from: 'dFake', to: 'fakeTerm' },
  { from: 'dFake', to: 'genTerm' },
  { from: 'realTerm', to: 'lossD' },
  { from: 'fakeTerm', to: 'lossD' },
  { from: 'genTerm', to: 'lossG' },
  { from: 'lossG', to: 'grad' },
];

export function LossesView() {
  const { t } = useTranslation();
  const stored = useGanConfig();
  const config = stored.mode === 'losses' ? stored : lossesDefaults;
  const storedStep = useGanStep();
  const hide = useAppStore((s) => s.embed.hide);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [problem, setProblem] = useState<string | null>(null);

  const count = LOSSES_STEPS.length;
  const step = Math.min(Math.max(0, storedStep), count - 1);
  const stepId = LOSSES_STEPS[step]!;
  const go = useCallback((n: number) => setStep('gan', n), [setStep]);
  useStepKeys(step, count, go);
  const playback = usePlayback(step, count, go);

  /** Validates and stores a change; a refused one keeps the last good config and says why. */
  const edit = useCallback(
    (patch: Partial<LossesConfig>) => {
      const result = lossesConfigSchema.safeParse({ ...config, ...patch });
      if (result.success) {
        setProblem(null);
        setConfig('gan', result.data);
      } else {
        setProblem(
          problemsOf(result.error, 'config')
            .map((p) => `${p.field}: ${p.message}`)
            .join('; '),
        );
      }
    },
    [config, setConfig],
  );

  const terms = useMemo(
    () => ganLossTerms(config.dReal, config.dFake, config.loss),
    [config.dReal, config.dFake, config.loss],
  );
  const all = useMemo(
    () => GAN_LOSSES.map((loss) => ({ loss, ...ganLosses(config.dReal, config.dFake, loss) })),
    [config.dReal, config.dFake],
  );
  const preset = matchLossPreset(config.dReal, config.dFake);
  const shown = (name: (typeof LOSSES_HIDEABLE)[number]) => !hide.includes(name);
  const kind = config.loss === 'lsgan' ? 'lsgan' : 'log';
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

  const nodes: FlowNode[] = [
    { id: 'dReal', label: 'D(x)', sub: fmtP(mean(config.dReal)), col: 0, row: 0, kind: 'data' },
    {
      id: 'dFake',
      label: 'D(G(z))',
      sub: fmtP(mean(config.dFake)),
      col: 0,
      row: 1,
      kind: 'data',
    },
    { id: 'realTerm', label: TERM_LABEL.real[kind], col: 1, row: 0, span: 2 },
    { id: 'fakeTerm', label: TERM_LABEL.fake[kind], col: 1, row: 1, span: 2 },
    { id: 'genTerm', label: GEN_LABEL[config.loss], col: 1, row: 2, span: 2 },
    // The diagram draws plain text: the losses are named in words, with their live values.
    {
      id: 'lossD',
      label: t('gan.losses.flow.lossD'),
      sub: fmt4(terms.lossD),
      col: 3,
      row: 0,
      kind: 'loss',
    },
    {
      id: 'lossG',
      label: t('gan.losses.flow.lossG'),
      sub: fmt4(terms.lossG),
      col: 3,
      row: 2,
      kind: 'loss',
    },
    { id: 'grad', label: t('gan.losses.flow.grad'), sub: '∂ℓ/∂a → G', col: 4, row: 2, kind: 'net' },
  ];
  const focus = FLOW_FOCUS[stepId];

  const caption = (() => {
    switch (stepId) {
      case 'dReal':
        return t(kind === 'lsgan' ? 'gan.losses.realTermLs' : 'gan.losses.realTermLog');
      case 'dFake':
        return t(kind === 'lsgan' ? 'gan.losses.fakeTermLs' : 'gan.losses.fakeTermLog');
      case 'lossD':
        return kind === 'lsgan' ? t('gan.losses.lossDLs') : t('gan.losses.lossDNote');
      case 'lossG':
        return t(`gan.losses.lossGText.${config.loss}`);
      case 'gradient':
        return t('gan.losses.gradientWhy');
    }
  })();

  const bar = (
    <>
      <div className="gan-loss-picker" role="group" aria-label={t('gan.losses.lossPicker')}>
        {GAN_LOSSES.map((loss) => (
          <button
            key={loss}
            type="button"
            aria-pressed={config.loss === loss}
            onClick={() => edit({ loss })}
            data-testid={`gan.losses.loss.${loss}`}
          >
            {t(`gan.lossNames.${loss}`)}
          </button>
        ))}
      </div>
      <StepControls
        step={step}
        count={count}
        go={go}
        playback={playback}
        stepName={t(`gan.losses.step.${stepId}`)}
        testIdPrefix="gan.losses.steps"
      />
      <p className="gan-headline" aria-live="polite">
        <span>
          <Formula tex="L_D" label="L_D" /> ={' '}
          <strong data-testid="gan.losses.lossD" data-value={terms.lossD}>
            {fmt4(terms.lossD)}
          </strong>
        </span>
        <span>
          <Formula tex="L_G" label="L_G" /> ={' '}
          <strong data-testid="gan.losses.lossG" data-value={terms.lossG}>
            {fmt4(terms.lossG)}
          </strong>
        </span>
      </p>
    </>
  );

  const side = (
    <>
      <StagePanel title={t('gan.losses.about')} testId="gan.losses.about">
        <p className="lead">{t('gan.losses.lead')}</p>
      </StagePanel>
      {(shown('losses-inputs') || shown('losses-presets')) && (
        <StagePanel title={t('gan.losses.batchTitle')} testId="gan.losses.batch">
          {shown('losses-presets') && (
            <label className="select-label gan-preset">
              {t('gan.losses.presets')}
              <select
                value={preset ?? ''}
                onChange={(e) => {
                  if (e.target.value) edit(lossPreset(e.target.value as LossPreset));
                }}
                data-testid="gan.losses.preset"
              >
                {!preset && <option value="">—</option>}
                {LOSS_PRESETS.map((p) => (
                  <option key={p} value={p}>
                    {t(`gan.losses.preset.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {problem && (
            <p className="sandbox-problem" role="alert" data-testid="gan.losses.problem">
              {t('gan.rejected', { detail: problem })}
            </p>
          )}
          {shown('losses-inputs') && (
            <div className="gan-batches">
              <BatchEditor
                field="dReal"
                label={t('gan.losses.dReal')}
                symbol="D(x)"
                values={config.dReal}
                onChange={(dReal) => edit({ dReal })}
              />
              <BatchEditor
                field="dFake"
                label={t('gan.losses.dFake')}
                symbol="D(G(z))"
                values={config.dFake}
                onChange={(dFake) => edit({ dFake })}
              />
            </div>
          )}
        </StagePanel>
      )}
      {shown('losses-compare') && (
        <StagePanel title={t('gan.losses.compare')} testId="gan.losses.compare-panel">
          <table className="gan-compare" data-testid="gan.losses.compare">
            <thead>
              <tr>
                <th scope="col">{t('gan.losses.variant')}</th>
                <th scope="col">
                  <Formula tex="L_D" label="L_D" />
                </th>
                <th scope="col">
                  <Formula tex="L_G" label="L_G" />
                </th>
              </tr>
            </thead>
            <tbody>
              {all.map((row) => (
                <CompareRow key={row.loss} {...row} selected={row.loss === config.loss} />
              ))}
            </tbody>
          </table>
        </StagePanel>
      )}
      <StagePanel title={t('gan.losses.steps')} defaultOpen={false} testId="gan.losses.walk">
        <LossTerms dReal={config.dReal} dFake={config.dFake} terms={terms} step={stepId} />
      </StagePanel>
    </>
  );

  return (
    <div className="gan-losses" data-testid="gan.losses">
      <Stage
        id="gan"
        label={t('gan.losses.stage')}
        bar={bar}
        overview={
          <FlowDiagram
            nodes={nodes}
            edges={EDGES}
            current={focus.current}
            lit={focus.lit}
            onSelect={(id) => {
              const s = NODE_STEP[id];
              if (s) go(LOSSES_STEPS.indexOf(s));
            }}
            label={t('gan.losses.flow.label')}
            testIdPrefix="gan.losses.flow"
            cell={{ w: 96, h: 44 }}
          />
        }
        title={t(`gan.losses.step.${stepId}`)}
        formula={
          <Formula
            tex={stepTex(stepId, terms, config.dReal, config.dFake)}
            testId="gan.losses.step-formula"
          />
        }
        caption={
          <>
            <p data-testid="gan.losses.caption">{caption}</p>
            {stepId === 'lossD' && preset === 'copied' && (
              <p className="gan-copied" data-testid="gan.losses.copied">
                {t('gan.losses.copiedWrong', {
                  wrong: fmt4(COPIED_WRONG_LOSS_D).replace('-', '−'),
                  right: fmt4(terms.lossD),
                })}
              </p>
            )}
            {terms.infinite.length > 0 && (
              <ul className="gan-infinite" role="status" data-testid="gan.losses.infinite">
                {terms.infinite.map((x, i) => {
                  const [field, index] = x.field.split('.') as ['dReal' | 'dFake', string];
                  const value = config[field][Number(index)];
                  return (
                    <li key={i} data-field={x.field}>
                      {t('gan.losses.infinite', {
                        what: `${field === 'dReal' ? 'D(x)' : 'D(G(z))'} #${Number(index) + 1}`,
                        value,
                        loss: t(
                          x.loss === 'lossD' ? 'gan.losses.lossDWord' : 'gan.losses.lossGWord',
                        ),
                        why: t('gan.losses.whyLog0'),
                      })}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        }
        figure={
          shown('losses-curves') ? (
            <LossFigure
              step={stepId}
              loss={config.loss}
              dReal={config.dReal}
              dFake={config.dFake}
            />
          ) : (
            <LossTerms dReal={config.dReal} dFake={config.dFake} terms={terms} step={stepId} />
          )
        }
        side={side}
        focusKey={[step, config.loss, config.dReal, config.dFake]}
      />
    </div>
  );
}

function CompareRow({
  loss,
  lossD,
  lossG,
  selected,
}: {
  loss: GanLoss;
  lossD: number;
  lossG: number;
  selected: boolean;
}) {
  const { t } = useTranslation();
  return (
    <tr
      className={selected ? 'selected' : undefined}
      data-testid={`gan.losses.compare.${loss}`}
      data-selected={selected}
    >
      <th scope="row">
        {selected && <span aria-hidden="true">▸ </span>}
        {t(`gan.lossNames.${loss}`)}
        {selected && <span className="visually-hidden"> ({t('gan.losses.selected')})</span>}
      </th>
      <td data-testid={`gan.losses.compare.${loss}.lossD`} data-value={lossD}>
        {fmt4(lossD)}
      </td>
      <td data-testid={`gan.losses.compare.${loss}.lossG`} data-value={lossG}>
        {fmt4(lossG)}
      </td>
    </tr>
  );
}
