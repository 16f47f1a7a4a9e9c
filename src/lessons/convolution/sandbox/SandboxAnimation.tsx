/**
 * The sliding window: the padded (or stride-expanded) grid with the window, the kernel as
 * applied, the products and their running sum + bias = result (all from core's step
 * generator), and the output maps filling up (numbers from onnxruntime-web).
 */
import { MatrixFigure } from './MatrixFigure';
import { symmetricRange } from '../../../viz/colormap';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WindowCell } from '../../../core/conv';
import { extent, type Tensor } from '../../../core/tensor';
import { formatValue } from '../../../viz/format';
import { StepControls } from '../../shared/StepControls';
import type { Playback } from '../../shared/usePlayback';
import type { SandboxConfig } from '../config';
import {
  channelOf,
  gridCellKind,
  kernelSlice,
  productsOf,
  windowCells,
  type SandboxModel,
} from './derive';
import { MISMATCH_TOLERANCE, type SandboxRun } from './useSandboxRun';

/** A symmetric range around 0 covering the values (for the diverging tint). */
/** Test-id prefix of output channel `co`'s map (channel 0 has the short one). */
export const outputPrefix = (base: string, co: number) => (co === 0 ? base : `${base}-${co}`);

export function AnimationPanel({
  config,
  model,
  run,
  step,
  go,
  playback,
}: {
  config: SandboxConfig;
  model: SandboxModel;
  run: SandboxRun;
  step: number;
  go: (n: number) => void;
  playback: Playback;
}) {
  const { t } = useTranslation();
  const conv = model.conv;
  if (!conv) {
    return (
      <section className="panel sandbox-animation" aria-labelledby="sandbox-animation-title">
        <h2 id="sandbox-animation-title">{t('sandbox.animation')}</h2>
        <p data-testid="conv.sandbox.no-animation">{t('sandbox.noAnimation')}</p>
      </section>
    );
  }
  const current = conv.steps[step]!;
  const { co, oy, ox } = current;
  const [cin, hg, wg] = conv.grid.dims as [number, number, number];
  const [cout, , kH, kW] = conv.kernel.dims as [number, number, number, number];
  const [, ho, wo] = conv.output.dims as [number, number, number];
  const count = model.stepCount;
  const describe = t('sandbox.stepInfo', { co: co + 1, row: oy, col: ox });
  const gridRange = symmetricRange(extent(conv.grid.data));
  const kernelRange = symmetricRange(extent(conv.kernel.data));
  const output: Tensor = run.outputs?.conv ?? conv.output;
  const outRange = symmetricRange(extent(output.data));
  const productSum = current.cells.length ? current.cells[current.cells.length - 1]!.sum : 0;
  const fmt = (v: number) => formatValue(v, 4);
  // A negative factor in a product is written in parentheses: 8·(−1).
  const term = (v: number) => (v < 0 ? `(${fmt(v)})` : fmt(v));
  const { padding: p, dilation: d } = model.params;
  const s = config.stride;

  return (
    <section className="panel sandbox-animation" aria-labelledby="sandbox-animation-title">
      <h2 id="sandbox-animation-title">{t('sandbox.animation')}</h2>
      <StepControls
        step={step}
        count={count}
        go={go}
        playback={playback}
        stepName={describe}
        testIdPrefix="conv.sandbox.step"
      />
      <p className="step-position" data-testid="conv.sandbox.position" data-step={step}>
        {describe}
      </p>
      <p className="hint" data-testid="conv.sandbox.caption">
        {config.transposed
          ? t('sandbox.captionTransposed', { s, p, d, inserted: s - 1 })
          : t('sandbox.captionConv', { s, p, d })}
      </p>
      <ul className="grid-key" aria-label={t('sandbox.keyTitle')}>
        <li>
          <span className="swatch win" aria-hidden="true" /> {t('sandbox.keyWindow')}
        </li>
        {d > 1 && (
          <li>
            <span className="swatch gap" aria-hidden="true" /> {t('sandbox.keyGap')}
          </li>
        )}
        <li>
          <span className="swatch pad" aria-hidden="true" /> {t('sandbox.keyPad')}
        </li>
        {config.transposed && s > 1 && (
          <li>
            <span className="swatch inserted" aria-hidden="true" /> {t('sandbox.keyInserted')}
          </li>
        )}
      </ul>
      <div className="anim-row">
        {Array.from({ length: cin }, (_, c) => {
          const win = windowCells(current, conv, c);
          return (
            <MatrixFigure
              key={c}
              caption={
                config.transposed
                  ? t('sandbox.gridTransposed', { index: c + 1, rows: hg, cols: wg })
                  : t('sandbox.gridPadded', { index: c + 1, rows: hg, cols: wg })
              }
              data={channelOf(conv.grid, c)}
              rows={hg}
              cols={wg}
              label={t('sandbox.gridLabel', { index: c + 1 })}
              colormap="diverging"
              range={gridRange}
              cellClass={(y, x) => {
                const kind = gridCellKind(conv, y, x);
                const at = y * wg + x;
                const state = win.read.has(at) ? 'win' : win.gap.has(at) ? 'gap' : '';
                return `${kind === 'input' ? '' : kind} ${state}`.trim() || undefined;
              }}
              cellNote={(y, x) => {
                const r = win.read.get(y * wg + x);
                return r ? `×${formatValue(r.weight, 3)}` : undefined;
              }}
              testIdPrefix={`conv.sandbox.grid-${c}`}
            />
          );
        })}
      </div>
      <div className="anim-row">
        {Array.from({ length: cin }, (_, c) => (
          <div key={c} className="kernel-pair">
            <MatrixFigure
              caption={
                config.transposed
                  ? t('sandbox.appliedKernelFlipped', { out: co + 1, in: c + 1 })
                  : t('sandbox.appliedKernel', { out: co + 1, in: c + 1 })
              }
              data={kernelSlice(conv.kernel, co, c)}
              rows={kH}
              cols={kW}
              label={t('sandbox.appliedKernel', { out: co + 1, in: c + 1 })}
              colormap="diverging"
              range={kernelRange}
              testIdPrefix={`conv.sandbox.applied-kernel-${c}`}
            />
            <MatrixFigure
              caption={t('sandbox.products', { in: c + 1 })}
              data={productsOf(current, c, kH, kW)}
              rows={kH}
              cols={kW}
              label={t('sandbox.products', { in: c + 1 })}
              digits={4}
              testIdPrefix={`conv.sandbox.products-${c}`}
            />
          </div>
        ))}
      </div>
      <div className="sum-block" aria-live="polite">
        {current.cells.length <= 27 && (
          <p className="sum-terms" data-testid="conv.sandbox.terms">
            {current.cells.map((cell, i) => (
              <span key={i}>
                {i > 0 && ' + '}
                {term(cell.value)}·{term(cell.weight)}
              </span>
            ))}{' '}
            = {fmt(productSum)}
          </p>
        )}
        <p className="result-line">
          <span data-testid="conv.sandbox.sum" data-value={productSum}>
            {t('sandbox.sumOfProducts', { sum: fmt(productSum) })}
          </span>{' '}
          <span data-testid="conv.sandbox.result" data-value={current.result}>
            {t('sandbox.plusBias', {
              sum: fmt(productSum),
              bias: fmt(current.bias),
              result: fmt(current.result),
            })}
          </span>
        </p>
        <RunningSum cells={current.cells} fmt={fmt} />
      </div>
      <div className="anim-row">
        {Array.from({ length: cout }, (_, c) => (
          <MatrixFigure
            key={c}
            caption={t('sandbox.outputMap', { index: c + 1, rows: ho, cols: wo })}
            data={channelOf(output, c)}
            rows={ho}
            cols={wo}
            label={t('sandbox.outputMap', { index: c + 1, rows: ho, cols: wo })}
            colormap="diverging"
            range={outRange}
            digits={4}
            isPending={(y, x) => (c * ho + y) * wo + x > step}
            cellClass={(y, x) => (c === co && y === oy && x === ox ? 'current' : undefined)}
            testIdPrefix={outputPrefix('conv.sandbox.output', c)}
          />
        ))}
      </div>
    </section>
  );
}

/** Every term of the current window with its running sum; drawn only while open. */
function RunningSum({ cells, fmt }: { cells: WindowCell[]; fmt: (v: number) => string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="running-sum" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('sandbox.runningSum', { n: cells.length })}</summary>
      {open && (
        <div className="matrix-scroll running-scroll">
          <table className="terms-table" data-testid="conv.sandbox.running">
            <thead>
              <tr>
                <th scope="col">{t('sandbox.colChannel')}</th>
                <th scope="col">{t('sandbox.colPosition')}</th>
                <th scope="col">{t('sandbox.colValue')}</th>
                <th scope="col">{t('sandbox.colWeight')}</th>
                <th scope="col">{t('sandbox.colProduct')}</th>
                <th scope="col">{t('sandbox.colSum')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((cell, i) => (
                <tr key={i}>
                  <td>{cell.c + 1}</td>
                  <td>
                    ({cell.y}, {cell.x})
                  </td>
                  <td>{fmt(cell.value)}</td>
                  <td>{fmt(cell.weight)}</td>
                  <td>{fmt(cell.product)}</td>
                  <td>{fmt(cell.sum)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

/** Where the output maps' numbers come from, and the warning if they disagree with core. */
export function OutputSource({ run }: { run: SandboxRun }) {
  const { t } = useTranslation();
  return (
    <>
      <p
        className="output-source"
        data-testid="conv.sandbox.output-source"
        data-source={run.outputs ? 'ort' : 'reference'}
        data-state={run.state}
        role="status"
      >
        {run.state === 'done'
          ? t('sandbox.sourceOrt')
          : run.state === 'error'
            ? t('sandbox.sourceError', { detail: run.error })
            : t('sandbox.sourceRunning')}
      </p>
      {run.state === 'done' && run.mismatch > MISMATCH_TOLERANCE && (
        <p className="sandbox-mismatch" role="alert" data-testid="conv.sandbox.mismatch">
          {t('sandbox.mismatch', { diff: formatValue(run.mismatch, 3) })}
        </p>
      )}
    </>
  );
}
