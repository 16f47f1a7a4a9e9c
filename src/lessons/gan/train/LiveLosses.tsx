/**
 * Live training on the stage: the two losses typeset with their latest values (redrawn a few
 * times a second while the loop runs, at once on any other frame), and the training's health
 * (a collapsed or escaped generator, a D stuck at 0.5) for the notice that says what to try.
 */
import { useEffect, useState } from 'react';
import { Formula, texNum } from '../../../viz/Formula';
import { healthProblem, trainingHealth, type TrainingHealth } from './health';
import { lossDTex, lossGTex } from './IterationWalk';
import type { TrainConfig } from './config';
import type { TrainController } from './trainController';

/** While the loop runs: the formula's and the health check's shortest redraw intervals. */
const TEX_EVERY_MS = 250;
const HEALTH_EVERY_MS = 500;

/** L_D and L_G for the loss in use, with their latest values. */
export function lossesTex(loss: TrainConfig['loss'], lossD: number, lossG: number): string {
  const v = (x: number) => (Number.isNaN(x) ? '\\;?' : texNum(x, 4));
  return [
    '\\begin{aligned}',
    `${lossDTex(loss).replace('L_D =', 'L_D &=')} = ${v(lossD)} \\\\[0.3em]`,
    `${lossGTex(loss).replace('L_G =', 'L_G &=')} = ${v(lossG)}`,
    '\\end{aligned}',
  ].join('\n');
}

export function LiveLosses({
  controller,
  loss,
}: {
  controller: TrainController;
  loss: TrainConfig['loss'];
}) {
  const [values, setValues] = useState<[number, number]>([NaN, NaN]);
  useEffect(() => {
    let at = -Infinity;
    return controller.onFrame((f) => {
      const now = performance.now();
      if (f.live && now - at < TEX_EVERY_MS) return;
      at = now;
      setValues((prev) => (prev[0] === f.lossD && prev[1] === f.lossG ? prev : [f.lossD, f.lossG]));
    });
  }, [controller]);
  return (
    <span data-testid="gan.train.losses" data-loss-d={values[0]} data-loss-g={values[1]}>
      <Formula tex={lossesTex(loss, values[0], values[1])} display />
    </span>
  );
}

export interface HealthState extends TrainingHealth {
  problem: 'collapsed' | 'escaped' | null;
}

const HEALTHY: HealthState = {
  spread: NaN,
  outside: 0,
  dRange: NaN,
  collapsed: false,
  escaped: false,
  dStuck: false,
  problem: null,
};

/** The training's health from the latest frames (the notice changes only when it does). */
export function useTrainingHealth(controller: TrainController): HealthState {
  const [state, setState] = useState<HealthState>(HEALTHY);
  useEffect(() => {
    let at = -Infinity;
    return controller.onFrame((f) => {
      const now = performance.now();
      if (f.live && now - at < HEALTH_EVERY_MS) return;
      at = now;
      const h = trainingHealth(f.snapshot.fake, f.snapshot.grid);
      const problem = healthProblem(h, f.stepsG);
      setState((prev) =>
        prev.problem === problem &&
        prev.dStuck === h.dStuck &&
        (problem === null || prev.escaped === h.escaped)
          ? prev
          : { ...h, problem },
      );
    });
  }, [controller]);
  return state;
}
