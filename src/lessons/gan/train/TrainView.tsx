/**
 * The 2-D GAN playground (train mode): pick the real data, train G and D live in the worker
 * (play, one iteration, D only, G only, slow motion, reset, seed), watch the samples, D's
 * heatmap, G's gradients and the manifold move while the curves grow, change any
 * hyperparameter while it runs, and take one iteration apart step by step.
 *
 * The config (store, link, embed API) holds the settings and the seed; the parameters live
 * in the worker's trainer, so a link reproduces the configuration, not the training state.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataSpec } from '../../../core/ganData';
import { useRegisterExport, type ExportData } from '../../../store/exports';
import { problemsOf } from '../../../store/lessonRegistry';
import { reportTrainRate } from '../../../store/perf';
import { useAppStore } from '../../../store/store';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useGanConfig, useGanStep } from '../config';
import '../gan.css';
import { TRAIN_LIMITS, trainConfigSchema, trainDefaults, type TrainConfig } from './config';
import { DataPicker } from './DataPicker';
import { HyperPanel } from './HyperPanel';
import { IterationWalk, recordSubsteps, walkStill } from './IterationWalk';
import { provideTrainResult } from './lessonParts';
import { TrainCharts } from './TrainCharts';
import { TrainController, type TrainFrame } from './trainController';
import { gridExport, historyExport, samplesExport } from './trainExports';
import { TrainPlane } from './TrainPlane';
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

  useEffect(() => {
    void controller.start();
    const unprovide = provideTrainResult(controller.result);
    return () => {
      unprovide();
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
    () => (record && subs[step] ? walkStill(record, subs[step], labels) : null),
    [record, subs, step, labels],
  );

  const walk = () =>
    void controller.stepThrough().then(() => {
      go(0);
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
  const togglePlay = () => {
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
  };
  const stopSlow = () => {
    setSlowRun(false);
    playback.setPlaying(false);
  };

  const ready = status.phase === 'ready';
  const canStep = ready && !status.busy && !status.diverged;
  const hyper = hyperOf(config);
  const shown = (name: string) => !hide.includes(name);

  return (
    <div
      className="gan-train"
      data-testid="gan.train"
      data-phase={status.phase}
      data-running={playing}
    >
      <p className="lead">{t('gan.train.lead')}</p>
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

      {shown('train-controls') && (
        <div className="gan-train-controls" role="toolbar" aria-label={t('gan.train.controls')}>
          <button
            type="button"
            className="primary"
            onClick={togglePlay}
            disabled={!ready || (!playing && !!status.diverged)}
            aria-pressed={playing}
            data-testid="gan.train.play"
          >
            {playing ? `❚❚ ${t('gan.train.pause')}` : `▶ ${t('gan.train.play')}`}
          </button>
          <button
            type="button"
            onClick={() => {
              stopSlow();
              void controller.step('iteration');
            }}
            disabled={!canStep}
            data-testid="gan.train.step"
          >
            {t('gan.train.stepOne')}
          </button>
          <button
            type="button"
            onClick={() => {
              stopSlow();
              void controller.step('d');
            }}
            disabled={!canStep}
            data-testid="gan.train.step-d"
          >
            {t('gan.train.stepD')}
          </button>
          <button
            type="button"
            onClick={() => {
              stopSlow();
              void controller.step('g');
            }}
            disabled={!canStep}
            data-testid="gan.train.step-g"
          >
            {t('gan.train.stepG')}
          </button>
          <button
            type="button"
            onClick={() => {
              stopSlow();
              walk();
            }}
            disabled={!canStep}
            data-testid="gan.train.walk-start"
          >
            {t('gan.train.stepThrough')}
          </button>
          <button
            type="button"
            onClick={() => {
              stopSlow();
              void controller.reset();
            }}
            disabled={!ready || status.busy}
            data-testid="gan.train.reset"
          >
            {t('gan.train.reset')}
          </button>
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
          </label>
          <button
            type="button"
            onClick={() => edit({ seed: Math.floor(Math.random() * 2 ** 31) })}
            data-testid="gan.train.new-seed"
          >
            {t('gan.train.newSeed')}
          </button>
          <label className="gan-field gan-speed">
            <span>{t('gan.train.speed', { count: config.speed })}</span>
            <input
              type="range"
              min={1}
              max={TRAIN_LIMITS.speed}
              value={config.speed}
              onChange={(e) => edit({ speed: Number(e.target.value) })}
              data-testid="gan.train.speed"
            />
          </label>
          <label className="gan-check">
            <input
              type="checkbox"
              checked={config.slowMotion}
              onChange={(e) => {
                if (!e.target.checked) stopSlow();
                edit({ slowMotion: e.target.checked });
              }}
              data-testid="gan.train.slow"
            />
            {t('gan.train.slowMotion')}
          </label>
        </div>
      )}
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
            })}
          </p>
          <p className="gan-note">{t('gan.train.divergedWhy')}</p>
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
      {status.reinitialised && (
        <p className="gan-note" role="status" data-testid="gan.train.reinitialised">
          {t('gan.train.reinitialised')}
        </p>
      )}

      <div className="gan-train-main">
        <TrainPlane
          controller={controller}
          still={still}
          caption={record && subs[step] ? t(`gan.train.walk.name.${subs[step].name}`) : undefined}
        />
        <TrainCharts controller={controller} />
      </div>

      {record && (
        <section className="gan-walk" aria-labelledby="gan-train-walk" data-testid="gan.train.walk">
          <h2 id="gan-train-walk">{t('gan.train.walk.title')}</h2>
          <StepControls
            step={step}
            count={count}
            go={go}
            playback={playback}
            stepName={subs[step] ? t(`gan.train.walk.name.${subs[step].name}`) : undefined}
            testIdPrefix="gan.train.walk.steps"
          />
          <IterationWalk record={record} step={step} />
          <div className="gan-walk-actions">
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
              }}
              data-testid="gan.train.walk-close"
            >
              {t('gan.train.walk.close')}
            </button>
          </div>
        </section>
      )}

      {shown('hyperparameters') && <HyperPanel config={config} edit={edit} />}
      {shown('data') && (
        <DataPicker
          data={config.data}
          seed={config.seed}
          sampleCount={Math.max(config.batchSize, 256)}
          onChange={setData}
        />
      )}
    </div>
  );
}
