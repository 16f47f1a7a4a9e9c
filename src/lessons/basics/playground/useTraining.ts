/**
 * The playground's training loop on the main thread: configures the worker's trainer whenever
 * the config changes (restarting only when the trainer had to), and while playing asks for
 * ITERATIONS_PER_FRAME iterations and a snapshot, one request after the other, drawing at
 * most once per animation frame. Every request goes through one queue, so a setting, a step
 * or the embed API's `train` never overlaps a run.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PgSnapshot, PgStepDetail } from '../../../runtime/trainer/playground';
import type { PlaygroundConfig } from './config';
import {
  configure,
  disposeTrainer,
  resetTrainer,
  restoreTrainer,
  snapshot,
  stepDetail,
  trainIterations,
  type PlaygroundResult,
} from './trainer';

export const ITERATIONS_PER_FRAME = 20;
/** Most points kept per curve (older ones are thinned to every other). */
const HISTORY_MAX = 600;
/** Most iterations one request runs for the embed API's `train`. */
const TRAIN_CHUNK = 5000;

export interface HistoryPoint {
  steps: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

/** The fields whose change restarts training from fresh weights (the trainer's rule). */
export const RESTART_FIELDS = ['dataset', 'seed', 'features', 'hidden', 'activation'] as const;

export interface Training {
  snap: PgSnapshot | null;
  history: HistoryPoint[];
  playing: boolean;
  /** Why training restarted from fresh weights (the fields), after a change did that. */
  restarted: string[] | null;
  error: string | null;
  detail: PgStepDetail | null;
  play: () => void;
  pause: () => void;
  /** Pauses and runs exactly `n` iterations. */
  train: (n: number) => Promise<void>;
  /** Pauses and runs one iteration with every intermediate (the stepper's). */
  stepInto: () => Promise<void>;
  reset: () => Promise<void>;
  restore: () => Promise<void>;
  result: () => PlaygroundResult | null;
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export function useTraining(config: PlaygroundConfig): Training {
  const [snap, setSnap] = useState<PgSnapshot | null>(null);
  const [history, setHistory] = useState<HistoryPoint[]>([]);
  const [playing, setPlaying] = useState(false);
  const [restarted, setRestarted] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [detail, setDetail] = useState<PgStepDetail | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const playingRef = useRef(false);
  const latest = useRef<PgSnapshot | null>(null);
  const hist = useRef<HistoryPoint[]>([]);
  const prevConfig = useRef<PlaygroundConfig | null>(null);
  const frame = useRef(0);
  const alive = useRef(true);

  const enqueue = useCallback(<T>(fn: () => Promise<T>): Promise<T | undefined> => {
    const next = queue.current.then(fn).catch((e: unknown) => {
      if (alive.current) setError(e instanceof Error ? e.message : String(e));
      playingRef.current = false;
      setPlaying(false);
      return undefined;
    });
    queue.current = next;
    return next;
  }, []);

  /** Reads a snapshot and draws it on the next frame (one draw per frame at most). */
  const refresh = useCallback(async () => {
    const s = await snapshot();
    latest.current = s;
    const h = hist.current;
    if (h.at(-1)?.steps !== s.steps) {
      h.push({
        steps: s.steps,
        trainLoss: s.trainLoss,
        testLoss: s.testLoss,
        trainAccuracy: s.trainAccuracy,
        testAccuracy: s.testAccuracy,
      });
      if (h.length > HISTORY_MAX)
        hist.current = h.filter((_, i) => i % 2 === 0 || i === h.length - 1);
    }
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      if (!alive.current) return;
      setSnap(s);
      setHistory([...hist.current]);
    });
  }, []);

  const configKey = JSON.stringify(config);
  useEffect(() => {
    const c = JSON.parse(configKey) as PlaygroundConfig;
    void enqueue(async () => {
      const r = await configure(c);
      const prev = prevConfig.current;
      prevConfig.current = c;
      setError(null);
      if (r.restarted) {
        hist.current = [];
        setDetail(null);
        setRestarted(
          prev
            ? RESTART_FIELDS.filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(c[k]))
            : null,
        );
      }
      await refresh();
    });
  }, [configKey, enqueue, refresh]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      playingRef.current = false;
      cancelAnimationFrame(frame.current);
      void queue.current.then(() => disposeTrainer()).catch(() => undefined);
    };
  }, []);

  const loop = useCallback(async () => {
    while (playingRef.current && alive.current) {
      await enqueue(async () => {
        if (!playingRef.current) return;
        const r = await trainIterations(ITERATIONS_PER_FRAME);
        await refresh();
        if (r.diverged) {
          playingRef.current = false;
          setPlaying(false);
        }
      });
      await nextFrame();
    }
  }, [enqueue, refresh]);

  const play = useCallback(() => {
    if (playingRef.current) return;
    playingRef.current = true;
    setPlaying(true);
    setDetail(null);
    void loop();
  }, [loop]);
  const pause = useCallback(() => {
    playingRef.current = false;
    setPlaying(false);
  }, []);

  const train = useCallback(
    async (n: number) => {
      pause();
      await enqueue(async () => {
        for (let left = n; left > 0; left -= TRAIN_CHUNK) {
          const r = await trainIterations(Math.min(left, TRAIN_CHUNK));
          if (r.diverged) break;
        }
        await refresh();
      });
    },
    [enqueue, pause, refresh],
  );

  const stepInto = useCallback(async () => {
    pause();
    await enqueue(async () => {
      const d = await stepDetail();
      setDetail(d);
      await refresh();
    });
  }, [enqueue, pause, refresh]);

  const reset = useCallback(async () => {
    pause();
    await enqueue(async () => {
      await resetTrainer();
      hist.current = [];
      setDetail(null);
      setRestarted(null);
      await refresh();
    });
  }, [enqueue, pause, refresh]);

  const restore = useCallback(async () => {
    await enqueue(async () => {
      await restoreTrainer();
      await refresh();
    });
  }, [enqueue, refresh]);

  const result = useCallback((): PlaygroundResult | null => {
    const s = latest.current;
    if (!s) return null;
    const r: PlaygroundResult = { steps: s.steps, trainLoss: s.trainLoss, testLoss: s.testLoss };
    if (s.trainAccuracy !== null) {
      r.trainAccuracy = s.trainAccuracy;
      r.testAccuracy = s.testAccuracy ?? undefined;
    }
    return r;
  }, []);

  return {
    snap,
    history,
    playing,
    restarted,
    error,
    detail,
    play,
    pause,
    train,
    stepInto,
    reset,
    restore,
    result,
  };
}
