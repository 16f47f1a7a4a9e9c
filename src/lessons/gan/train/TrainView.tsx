/**
 * The 2-D GAN playground (train mode), on the lesson stage: the GAN as a graph (overview),
 * the plane large (real and generated samples, D's map with its legend, G's gradients), the
 * losses typeset with their live numbers, and the controls in the bar (play, one iteration,
 * D only, G only, one iteration step by step, speed, data set). Numbers, curves,
 * hyperparameters and the data picker sit in the side column. "One iteration, step by step"
 * makes each sub-step the stage's step: the graph lights the parts it passes, the formula
 * shows its numbers (the optimizer's own update rule for the updates), the plane its picture.
 *
 * The config (store, link, embed API) holds the settings and the seed; the parameters live
 * in the worker's trainer, so a link reproduces the configuration, not the training state.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILTIN_DATA_KINDS, type DataSpec } from '../../../core/ganData';
import { useRegisterExport, type ExportData } from '../../../store/exports';
import { problemsOf } from '../../../store/lessonRegistry';
import { reportTrainRate } from '../../../store/perf';
import { useAppStore } from '../../../store/store';
import { provideTrainingControls } from '../../../store/trainingControls';
import { FlowDiagram } from '../../../viz/FlowDiagram';
import { Formula } from '../../../viz/Formula';
import { isControlKey } from '../../shared/keys';
import { Stage, StagePanel } from '../../shared/Stage';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useGanConfig, useGanStep } from '../config';
import '../gan.css';
import { TRAIN_LIMITS, trainConfigSchema, trainDefaults, type TrainConfig } from './config';
import { DataPicker } from './DataPicker';
import { ALL_LIT, GAN_EDGES, ganNodes, WALK_LIT } from './ganFlow';
import { HyperPanel } from './HyperPanel';
import {
  IterationWalk,
  recordSubsteps,
  UpdateNorm,
  walkCaption,
  walkFormula,
  walkStill,
  walkUpdate,
} from './IterationWalk';
import { provideTrainResult } from './lessonParts';
import { LiveLosses, useTrainingHealth } from './LiveLosses';
import { TrainCharts } from './TrainCharts';
import { TrainController, type TrainFrame } from './trainController';
import { gridExport, historyExport, samplesExport } from './trainExports';
import { LAYERS, LayerSwitches, TrainPlane, type Layer } from './TrainPlane';
import { hyperOf } from './trainSpec';

export function TrainView() {
  const { t } = useTranslation();
  const stored = useGanConfig();
  const config = stored.mode === 'train' ? stored : trainDefaults;
  const storedStep = useGanStep();
  const hide = useAppStore((s) => s.embed.hide);
  const lang = useAppStore((s) => s.lang);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [problem, setProblem] = useState<string | null>(null);
  const [controller] = useState(() => new TrainController(config));
  const status = useSyncExternalStore(controller.subscribe, controller.getStatus);
  // Slow motion while playing: iterations walked through sub-step by sub-step.
  const [slowRun, setSlowRun] = useState(false);
  // Bumped by every action (play, a step): the stage brings the plane into view.
  const [nudge, setNudge] = useState(0);
  const health = useTrainingHealth(controller);
  const [layers, setLayers] = useState<ReadonlySet<Layer>>(() => new Set(LAYERS));
  const ready = status.phase === 'ready';

  useEffect(() => {
    void controller.start();
    const unprovide = provideTrainResult(controller.result);
    const withdraw = provideTrainingControls('gan', {
      play: () => controller.playWhenReady(),
      pause: () => controller.pause(),
      train: (n) => controller.trainIterations(n),
    });
    return () => {
      unprovide();
      withdraw();
      void controller.close();
    };
  }, [controller]);

  useEffect(() => {
    void controller.apply(config);
  }, [controller, config]);

  // The performance panel's iterations per second, while the play loop runs.
  useEffect(() => {
    const off = controller.onFrame((f) =>
      reportTrainRate(controller.getStatus().running ? f.itersPerSecond : null),
    );
    const offStatus = controller.subscribe(() => {
      if (!controller.getStatus().running) reportTrainRate(null);
    });
    return () => {
      off();
      offStatus();
      reportTrainRate(null);
    };
  }, [controller]);

  // The numbers the canvases draw, for the export dialog (built only when exporting).
  const fromFrame = (make: (f: TrainFrame) => ExportData) => () => {
    const f = controller.latestFrame();
    return f ? make(f) : { json: null, csv: '' };
  };
  useRegisterExport(t('classroom.export.names.ganSamples'), fromFrame(samplesExport));
  useRegisterExport(t('classroom.export.names.ganHistory'), fromFrame(historyExport));
  useRegisterExport(t('classroom.export.names.ganGrid'), fromFrame(gridExport));

  /** Validates and stores a change; a refused one keeps the last good config and says why. */
  const edit = useCallback(
    (patch: Partial<TrainConfig>) => {
      const result = trainConfigSchema.safeParse({ ...config, ...patch });
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
  const setData = useCallback((data: DataSpec) => edit({ data }), [edit]);

  // The step-by-step walk over the recorded iteration.
  const record = status.iteration;
  const subs = useMemo(() => (record ? recordSubsteps(record) : []), [record]);
  const count = Math.max(1, subs.length);
  const step = Math.min(Math.max(0, storedStep), count - 1);
  const sub = record ? subs[step] : undefined;
  const go = useCallback((n: number) => setStep('gan', n), [setStep]);
  useStepKeys(step, record ? count : 1, go);
  const playback = usePlayback(step, record ? count : 1, go);
  const labels = useMemo(
    () => ({
      real: t('gan.train.realSamples'),
      fake: t('gan.train.fakeSamples'),
      batchReal: t('gan.train.batchReal'),
      batchFake: t('gan.train.batchFake'),
    }),
    [t],
  );
  const still = useMemo(
    () => (record && sub ? walkStill(record, sub, labels) : null),
    [record, sub, labels],
  );

  // A link, a tour step or the embed API that names a sub-step of the walk (step > 0) opens the
  // walk there: the screen shows what the caption speaks of. Only when the step is asked for,
  // not when a walk is closed (the step is then set back to 0).
  const askedStep = useRef<number | null>(storedStep > 0 ? storedStep : null);
  const hasRecord = !!record;
  useEffect(() => {
    if (storedStep > 0 && !hasRecord) askedStep.current = storedStep;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new step asks for a walk
  }, [storedStep]);
  useEffect(() => {
    if (askedStep.current === null || hasRecord) return;
    if (!ready || status.busy || status.running || slowRun || status.diverged) return;
    askedStep.current = null;
    void controller.stepThrough().then(() => setNudge((n) => n + 1));
  }, [
    storedStep,
    hasRecord,
    ready,
    status.busy,
    status.running,
    slowRun,
    status.diverged,
    controller,
  ]);

  const walk = () =>
    void controller.stepThrough().then(() => {
      go(0);
      setNudge((n) => n + 1);
    });

  // Slow motion: at the end of one walked iteration, take the next.
  const walkDone = !!record && step >= count - 1 && !playback.playing;
  useEffect(() => {
    if (!slowRun || !walkDone || status.busy || status.diverged) return;
    const timer = setTimeout(() => {
      void controller.stepThrough().then(() => {
        go(0);
        playback.setPlaying(true);
      });
    }, 600);
    return () => clearTimeout(timer);
  }, [slowRun, walkDone, status.busy, status.diverged, controller, go, playback]);

  const playing = status.running || slowRun;
  const togglePlay = useCallback(() => {
    setNudge((n) => n + 1);
    if (playing) {
      controller.pause();
      setSlowRun(false);
      playback.setPlaying(false);
    } else if (config.slowMotion) {
      setSlowRun(true);
      void controller.stepThrough().then(() => {
        go(0);
        playback.setPlaying(true);
      });
    } else controller.play();
  }, [playing, controller, playback, config.slowMotion, go]);
  const stopSlow = () => {
    setSlowRun(false);
    playback.setPlaying(false);
  };

  // Space plays and pauses training (the walk's own playback while a walk is open). Taken in
  // the capture phase, before the walk's stepper sees it, so one press does one thing.
  const canPlay = ready && (playing || !status.diverged);
  const walkOpen = !!record && !slowRun;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.altKey || e.ctrlKey || e.metaKey) return;
      if (isControlKey(e.target, { buttons: true }) || walkOpen) return;
      if (document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (canPlay) togglePlay();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [walkOpen, canPlay, togglePlay]);

  const canStep = ready && !status.busy && !status.diverged;
  const hyper = hyperOf(config);
  const shown = (name: string) => !hide.includes(name);
  const act = (fn: () => void) => () => {
    stopSlow();
    setNudge((n) => n + 1);
    fn();
  };

  const nodes = useMemo(
    () =>
      ganNodes({
        z: t('gan.train.flow.z'),
        G: t('gan.train.flow.G'),
        fake: t('gan.train.flow.fake'),
        real: t('gan.train.flow.real'),
        D: t('gan.train.flow.D'),
        lossD: t('gan.train.flow.lossD'),
        lossG: t('gan.train.flow.lossG'),
      }),
    [t],
  );
  const lit = sub ? WALK_LIT[sub.name] : null;
  const overview = (
    <FlowDiagram
      nodes={nodes}
      edges={GAN_EDGES}
      current={lit?.current ?? null}
      lit={lit?.lit ?? (status.running ? ALL_LIT : [])}
      label={t('gan.train.flow.label')}
      testIdPrefix="gan.train.flow"
      cell={{ w: 112, h: 46 }}
    />
  );

  const dataKinds = [...BUILTIN_DATA_KINDS, ...(config.data.kind === 'custom' ? ['custom'] : [])];
  const bar = shown('train-controls') ? (
    <>
      <div className="gan-train-controls" role="toolbar" aria-label={t('gan.train.controls')}>
        <button
          type="button"
          className="primary"
          onClick={togglePlay}
          disabled={!canPlay}
          aria-pressed={playing}
          aria-keyshortcuts="Space"
          data-testid="gan.train.play"
        >
          {playing ? `❚❚ ${t('gan.train.pause')}` : `▶ ${t('gan.train.play')}`}
        </button>
        <button
          type="button"
          onClick={act(() => void controller.step('iteration'))}
          disabled={!canStep}
          data-testid="gan.train.step"
        >
          {t('gan.train.stepOne')}
        </button>
        <button
          type="button"
          onClick={act(() => void controller.step('d'))}
          disabled={!canStep}
          data-testid="gan.train.step-d"
        >
          {t('gan.train.stepD')}
        </button>
        <button
          type="button"
          onClick={act(() => void controller.step('g'))}
          disabled={!canStep}
          data-testid="gan.train.step-g"
        >
          {t('gan.train.stepG')}
        </button>
        <button
          type="button"
          onClick={act(walk)}
          disabled={!canStep}
          data-testid="gan.train.walk-start"
        >
          {t('gan.train.stepThrough')}
        </button>
        <button
          type="button"
          onClick={act(() => void controller.reset())}
          disabled={!ready || status.busy}
          data-testid="gan.train.reset"
        >
          {t('gan.train.reset')}
        </button>
        <label
          className="gan-field gan-speed"
          title={t('gan.train.speed', { count: config.speed })}
        >
          <span>{t('gan.train.speedShort', { count: config.speed })}</span>
          <input
            type="range"
            min={1}
            max={TRAIN_LIMITS.speed}
            value={config.speed}
            onChange={(e) => edit({ speed: Number(e.target.value) })}
            aria-label={t('gan.train.speed', { count: config.speed })}
            data-testid="gan.train.speed"
          />
        </label>
        <label className="gan-check" title={t('gan.train.slowMotion')}>
          <input
            type="checkbox"
            checked={config.slowMotion}
            onChange={(e) => {
              if (!e.target.checked) stopSlow();
              edit({ slowMotion: e.target.checked });
            }}
            data-testid="gan.train.slow"
          />
          {t('gan.train.slowShort')}
        </label>
        {shown('data') && (
          <label className="gan-field">
            <span className="visually-hidden">{t('gan.data.kind')}</span>
            <select
              value={config.data.kind}
              onChange={(e) => {
                const kind = e.target.value as (typeof BUILTIN_DATA_KINDS)[number] | 'custom';
                if (kind !== 'custom') setData({ kind });
              }}
              data-testid="gan.train.data"
            >
              {dataKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`gan.data.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {record && (
        <div className="gan-walk-bar" data-testid="gan.train.walk.bar">
          <strong id="gan-train-walk">{t('gan.train.walk.title')}</strong>
          <StepControls
            step={step}
            count={count}
            go={(n) => {
              go(n);
            }}
            playback={playback}
            stepName={sub ? t(`gan.train.walk.name.${sub.name}`) : undefined}
            testIdPrefix="gan.train.walk.steps"
          />
          <button
            type="button"
            onClick={walk}
            disabled={!canStep}
            data-testid="gan.train.walk-next"
          >
            {t('gan.train.walk.next')}
          </button>
          <button
            type="button"
            onClick={() => {
              stopSlow();
              controller.closeIteration();
              go(0);
            }}
            data-testid="gan.train.walk-close"
          >
            {t('gan.train.walk.close')}
          </button>
        </div>
      )}
    </>
  ) : undefined;

  // The step's notices: what went wrong, what to try. In the stage, never above it.
  const notices = (
    <>
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="gan.train.problem">
          {t('gan.rejected', { detail: problem })}
        </p>
      )}
      {status.error && (
        <p className="sandbox-problem" role="alert" data-testid="gan.train.error">
          {t('gan.train.failed', { detail: status.error })}
        </p>
      )}
      {status.diverged && (
        <div
          className="gan-diverged"
          role="alert"
          data-testid="gan.train.diverged"
          data-value={status.diverged.value}
          data-steps-g={status.diverged.stepsG}
        >
          <p>
            {t('gan.train.divergedText', {
              value: t(`gan.train.divergedValue.${status.diverged.value}`),
              stepsG: status.diverged.stepsG,
              stepsD: status.diverged.stepsD,
            })}{' '}
            {t('gan.train.divergedWhy')}
          </p>
          {status.diverged.checkpoint && status.info && (
            <p className="gan-note" id="gan-train-go-back-why">
              {t('gan.train.goBackWhy', {
                every: status.info.checkpointEvery,
                keep: status.info.checkpointKeep,
              })}
            </p>
          )}
          <div className="gan-diverged-actions">
            <button
              type="button"
              className="primary"
              onClick={() => void controller.restore()}
              disabled={status.busy}
              data-testid="gan.train.restore"
              data-steps-g={status.diverged.lastGood.stepsG}
            >
              {t('gan.train.restore', {
                step: status.diverged.lastGood.stepsG.toLocaleString(lang),
              })}
            </button>
            {status.diverged.checkpoint && (
              <button
                type="button"
                onClick={() => void controller.goBack()}
                disabled={status.busy}
                aria-describedby={status.info ? 'gan-train-go-back-why' : undefined}
                data-testid="gan.train.go-back"
                data-steps-g={status.diverged.checkpoint.stepsG}
              >
                {t('gan.train.goBack', {
                  step: status.diverged.checkpoint.stepsG.toLocaleString(lang),
                })}
              </button>
            )}
          </div>
        </div>
      )}
      {!status.diverged && health.problem && (
        <p
          className="gan-health"
          role="alert"
          data-testid="gan.train.health"
          data-kind={health.problem}
          data-d-stuck={health.dStuck}
        >
          {t(`gan.train.health.${health.problem}`, {
            share: Math.round(health.outside * 100),
            spread: health.spread.toFixed(3),
          })}{' '}
          {health.dStuck ? t('gan.train.health.dStuck') + ' ' : ''}
          {t('gan.train.health.tryThis')}
        </p>
      )}
      {status.reinitialised && (
        <p className="gan-note" role="status" data-testid="gan.train.reinitialised">
          {t('gan.train.reinitialised')}
        </p>
      )}
    </>
  );

  // The focus: the walk's sub-step, or live training.
  const walkNet = sub?.name === 'updateD' ? 'D' : sub?.name === 'updateG' ? 'G' : null;
  const example =
    record && sub && walkNet ? walkUpdate(record, walkNet === 'D' ? sub.dStep : null) : null;
  const title =
    record && sub ? (
      <>
        <span className="gan-walk-count">
          {t('gan.train.walk.stepOf', { n: step + 1, count })}
          {sub.dStep !== null && record.d.length > 1
            ? ` · ${t('gan.train.walk.dStep', { n: sub.dStep + 1 })}`
            : ''}
        </span>{' '}
        {t(`gan.train.walk.name.${sub.name}`)}
      </>
    ) : (
      t('gan.train.stageTitle')
    );
  const formula =
    record && sub ? (
      <Formula tex={walkFormula(record, sub)} display testId="gan.train.walk.formula" />
    ) : (
      <LiveLosses controller={controller} loss={config.loss} />
    );
  const caption = (
    <>
      {record && sub ? (
        <p data-testid="gan.train.walk.caption">
          {walkCaption(record, sub, t)}{' '}
          {example && walkNet && <UpdateNorm ex={example} net={walkNet} />}
        </p>
      ) : (
        <p>{t('gan.train.caption')}</p>
      )}
      {notices}
    </>
  );

  const side = (
    <>
      {record && sub && (
        <StagePanel
          title={`${t('gan.train.walk.numbers')}: ${t(`gan.train.walk.name.${sub.name}`)}`}
          testId="gan.train.walk"
        >
          <IterationWalk record={record} step={step} />
        </StagePanel>
      )}
      <StagePanel title={t('gan.train.numbers')} testId="gan.train.numbers">
        <TrainCharts controller={controller} show="numbers" />
      </StagePanel>
      {!record && (
        <StagePanel title={t('gan.train.layers')} testId="gan.train.layers">
          <LayerSwitches layers={layers} onChange={setLayers} />
        </StagePanel>
      )}
      <StagePanel title={t('gan.train.curves')} testId="gan.train.curves">
        <TrainCharts controller={controller} show="curves" />
      </StagePanel>
      {shown('hyperparameters') && (
        <StagePanel title={t('gan.train.hyper')} testId="gan.train.hyper-panel">
          <label className="gan-field gan-seed">
            <span>{t('gan.train.seed')}</span>
            <input
              type="number"
              min={0}
              step={1}
              value={config.seed}
              onChange={(e) => {
                if (e.target.value.trim() !== '') edit({ seed: e.target.valueAsNumber });
              }}
              data-testid="gan.train.seed"
            />
          </label>{' '}
          <button
            type="button"
            onClick={() => edit({ seed: Math.floor(Math.random() * 2 ** 31) })}
            data-testid="gan.train.new-seed"
          >
            {t('gan.train.newSeed')}
          </button>
          <HyperPanel config={config} edit={edit} />
        </StagePanel>
      )}
      {shown('data') && (
        <StagePanel title={t('gan.data.title')} testId="gan.train.data-panel">
          <DataPicker
            data={config.data}
            seed={config.seed}
            sampleCount={Math.max(config.batchSize, 256)}
            onChange={setData}
          />
        </StagePanel>
      )}
      <StagePanel title={t('gan.train.about')} testId="gan.train.about">
        <p className="lead">{t('gan.train.lead')}</p>
        <p className="gan-note gan-train-status" data-testid="gan.train.status">
          {status.phase === 'starting'
            ? t('gan.train.starting')
            : status.info
              ? t('gan.train.info', {
                  backend: status.info.backend === 'webgpu' ? 'WebGPU' : 'WASM',
                  paramsG: status.info.paramsG,
                  paramsD: status.info.paramsD,
                  nodes: status.info.nodes.iteration,
                })
              : ''}{' '}
          <span data-testid="gan.train.lrG" data-value={hyper.lrG}>
            {t('gan.train.lrInUse', { net: 'G', lr: hyper.lrG })}
          </span>{' '}
          <span data-testid="gan.train.lrD" data-value={hyper.lrD}>
            {t('gan.train.lrInUse', { net: 'D', lr: hyper.lrD })}
          </span>
        </p>
      </StagePanel>
    </>
  );

  return (
    <div
      className="gan-train"
      data-testid="gan.train"
      data-phase={status.phase}
      data-running={playing}
    >
      <Stage
        id="gan"
        label={t('gan.train.stageLabel')}
        bar={bar}
        overview={overview}
        title={title}
        formula={formula}
        caption={caption}
        figure={
          <TrainPlane
            controller={controller}
            still={still}
            caption={sub ? t(`gan.train.walk.name.${sub.name}`) : undefined}
            layers={layers}
          />
        }
        side={side}
        focusKey={[nudge, record ? step : null]}
        busy={status.phase === 'starting'}
        className={`gan-train-stage${record ? ' gan-walking' : ''}`}
      />
    </div>
  );
}
