/**
 * The sandbox's stage figure, as large as the stage allows: the sliding window on the padded
 * (or stride-expanded) input with each weight in the window's cells, the kernel, the products,
 * and the output map filling up — each tinted matrix with its colour legend. Cells are sized
 * from the figure's container (cqw / cqh, see sandbox.css): a 3 × 3 example fills the screen,
 * a 16 × 16 input still fits or scrolls inside the figure.
 *
 * Numbers: the window, products and sums are core's step generator's; the output maps show
 * what onnxruntime-web computed (core's reference until it has answered).
 */
import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LEAKY_RELU_SLOPE } from '../../../core/conv';
import { extent, type Tensor } from '../../../core/tensor';
import { ColorLegend } from '../../../viz/ColorLegend';
import { symmetricRange } from '../../../viz/colormap';
import { formatValue } from '../../../viz/format';
import { LineChart, type LineSeries } from '../../../viz/LineChart';
import { MatrixGrid, type MatrixGridProps } from '../../../viz/MatrixGrid';
import { ACTIVATIONS, type SandboxConfig } from '../config';
import {
  channelOf,
  gridCellKind,
  kernelSlice,
  poolStepAt,
  productsOf,
  windowCells,
  type SandboxModel,
} from './derive';
import { ACTIVATION_CURVES, X_DOMAIN, Y_DOMAIN } from './curves';
import { DIGITS } from './stepTex';
import type { SandboxRun } from './useSandboxRun';

/** Test-id prefix of output channel `co`'s map (channel 0 has the short one). */
export const outputPrefix = (base: string, co: number) => (co === 0 ? base : `${base}-${co}`);

/** Which part of the pipeline the figure shows (the overview's boxes choose it). */
export type SandboxFocus = 'conv' | 'act' | 'pool';

interface FigureProps {
  config: SandboxConfig;
  model: SandboxModel;
  run: SandboxRun;
  step: number;
}

/** Widest number a matrix shows (its cells' font is sized so that it fits). */
function widest(data: ArrayLike<number>, digits: number): number {
  let n = 2;
  for (let i = 0; i < data.length; i++) n = Math.max(n, formatValue(data[i]!, digits).length);
  return n;
}

/** A captioned number matrix for the figure, its font fitted to its widest number. */
function FigMatrix({
  caption,
  dense = false,
  ...grid
}: { caption: string; dense?: boolean } & Omit<MatrixGridProps, 'label'> & { label?: string }) {
  const chars = widest(grid.data, grid.digits ?? 3);
  return (
    <figure
      className={dense ? 'sb-matrix sb-dense' : 'sb-matrix'}
      style={{ '--chars': chars } as CSSProperties}
    >
      <figcaption>{caption}</figcaption>
      <MatrixGrid label={caption} {...grid} />
    </figure>
  );
}

/** A column of matrices (one per channel) with the colour legend of their scale under them. */
function Group({
  children,
  legend,
  testId,
  className,
}: {
  className?: string;
  children: ReactNode;
  legend?: { range: readonly [number, number]; label: string };
  testId?: string;
}) {
  return (
    <div className={className ? `sb-group ${className}` : 'sb-group'} data-testid={testId}>
      {children}
      {legend && <ColorLegend colormap="diverging" range={legend.range} label={legend.label} />}
    </div>
  );
}

/**
 * One matrix per channel of a [C, rows, cols] tensor, on one diverging scale with its legend:
 * the output, activated and pooled maps. `captionKey` names the i18n pair `${key}` (several
 * channels) / `${key}One` (a single one).
 */
function ChannelGroup({
  tensor,
  rows,
  cols,
  range,
  legendLabel,
  captionKey,
  dense,
  isPending,
  cellClass,
  testIdBase,
}: {
  tensor: Tensor;
  rows: number;
  cols: number;
  range: readonly [number, number];
  legendLabel: string;
  captionKey: string;
  dense: boolean;
  isPending?: (c: number, y: number, x: number) => boolean;
  cellClass: (c: number, y: number, x: number) => string | undefined;
  testIdBase?: string;
}) {
  const { t } = useTranslation();
  const channels = tensor.dims[0]!;
  return (
    <Group legend={{ range, label: legendLabel }}>
      {Array.from({ length: channels }, (_, c) => (
        <FigMatrix
          key={c}
          caption={t(channels > 1 ? captionKey : `${captionKey}One`, {
            index: c + 1,
            rows,
            cols,
          })}
          data={channelOf(tensor, c)}
          rows={rows}
          cols={cols}
          dense={dense}
          colormap="diverging"
          range={range}
          digits={DIGITS}
          isPending={isPending ? (y, x) => isPending(c, y, x) : undefined}
          cellClass={(y, x) => cellClass(c, y, x)}
          testIdPrefix={testIdBase ? outputPrefix(testIdBase, c) : undefined}
        />
      ))}
    </Group>
  );
}

function Op({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <span className={className ? `sb-op ${className}` : 'sb-op'} aria-hidden="true">
      {children}
    </span>
  );
}

/**
 * Past this many cells across or down, maps are drawn dense: a heatmap without numbers (each
 * value in its cell's tooltip; the window's numbers are in the products and the formula).
 */
const DENSE = { cols: 18, rows: 10 };
const isDense = (cols: number, rows: number) => cols > DENSE.cols || rows > DENSE.rows;

/**
 * Sizes the cells: `cols` × `rows` cells, plus room (rem) for captions, legends and signs.
 * `lean` is the same without the products matrix, which a narrow figure leaves out (sandbox.css).
 */
function sizing(
  cols: number,
  rows: number,
  extraW: number,
  extraH: number,
  lean: { cols: number; extraW: number } = { cols, extraW },
  stack = cols,
): CSSProperties {
  return {
    '--cols-all': cols,
    '--cols-stack': stack,
    '--cols-lean': lean.cols,
    '--rows': rows,
    '--extra-w-all': `${extraW}rem`,
    '--extra-w-lean': `${lean.extraW}rem`,
    '--extra-h': `${extraH}rem`,
  } as CSSProperties;
}

/**
 * The sliding window: grid × kernel = products, Σ + b → output. With several channels it shows
 * one input channel at a time (tabs) and the output map being filled; the other output maps
 * are in the side column (`OtherOutputs`), so every map is on screen once.
 */
export function WindowFigure({ config, model, run, step }: FigureProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(0);
  const { ref, lean } = useLean(model, step);
  const conv = model.conv!;
  const current = conv.steps[step]!;
  const { co, oy, ox } = current;
  const [cin, hg, wg] = conv.grid.dims as [number, number, number];
  const [cout, , kH, kW] = conv.kernel.dims as [number, number, number, number];
  const [, ho, wo] = conv.output.dims as [number, number, number];
  const c = Math.min(chosen, cin - 1);
  const gridRange = symmetricRange(extent(conv.grid.data));
  const kernelRange = symmetricRange(extent(conv.kernel.data));
  const output: Tensor = run.outputs?.conv ?? conv.output;
  const outRange = symmetricRange(extent(output.data));
  const rows = Math.max(hg, kH, ho);
  const dense = isDense(wg + 2 * kW + wo, rows);
  // Dense: the kernel keeps its numbers (its cells wider than the maps'); the products are
  // left to the formula and the side column's table.
  // (When long numbers widen the cells so much that the output would wrap, useLean drops the
  // products.)
  const cols = dense ? wg + wo + 2.8 * kW : wg + 2 * kW + wo;
  const win = windowCells(current, conv, c);
  const one = cin === 1 && cout === 1;

  return (
    <div
      ref={ref}
      className={['sb-figure', dense ? 'dense' : '', lean ? 'lean' : ''].join(' ').trim()}
      style={sizing(
        cols,
        rows,
        19,
        cin > 1 ? 7.4 : 4.6,
        { cols: dense ? cols : cols - kW, extraW: dense ? 19 : 16 },
        Math.max(wg, 2 * kW, wo),
      )}
      data-testid="conv.sandbox.window"
    >
      {cin > 1 && (
        <div className="sb-tabs" role="group" aria-label={t('sandbox.inputChannels')}>
          <span aria-hidden="true">{t('sandbox.showChannel')}</span>
          {Array.from({ length: cin }, (_, i) => (
            <button
              key={i}
              type="button"
              aria-pressed={i === c}
              onClick={() => setChosen(i)}
              data-testid={`conv.sandbox.figure-channel-${i}`}
            >
              {t('sandbox.channel', { index: i + 1 })}
            </button>
          ))}
          <span className="sb-tabs-note">{t('sandbox.channelsSummed', { n: cin })}</span>
        </div>
      )}
      <Group legend={{ range: gridRange, label: t('sandbox.legendInput') }}>
        <FigMatrix
          caption={t(
            `sandbox.${config.transposed ? 'gridTransposed' : 'gridPadded'}${cin > 1 ? '' : 'One'}`,
            { index: c + 1, rows: hg, cols: wg },
          )}
          data={channelOf(conv.grid, c)}
          rows={hg}
          cols={wg}
          digits={DIGITS}
          dense={dense}
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
            return r ? `×${formatValue(r.weight, DIGITS)}` : undefined;
          }}
          testIdPrefix={`conv.sandbox.grid-${c}`}
        />
      </Group>
      <Op>×</Op>
      <Group legend={{ range: kernelRange, label: t('sandbox.legendKernel') }}>
        <FigMatrix
          caption={t(
            `sandbox.${config.transposed ? 'appliedKernelFlipped' : 'appliedKernel'}${one ? 'One' : ''}`,
            { out: co + 1, in: c + 1 },
          )}
          data={kernelSlice(conv.kernel, co, c)}
          rows={kH}
          cols={kW}
          digits={DIGITS}
          colormap="diverging"
          range={kernelRange}
          testIdPrefix={`conv.sandbox.applied-kernel-${c}`}
        />
      </Group>
      {!dense && (
        <>
          <Op className="sb-products">=</Op>
          <Group className="sb-products">
            <FigMatrix
              caption={t(cin > 1 ? 'sandbox.products' : 'sandbox.productsOne', { in: c + 1 })}
              data={productsOf(current, c, kH, kW)}
              rows={kH}
              cols={kW}
              digits={DIGITS}
              testIdPrefix={`conv.sandbox.products-${c}`}
            />
          </Group>
        </>
      )}
      <Op>{dense ? 'Σ w·x + b →' : 'Σ + b →'}</Op>
      <Group
        legend={{ range: outRange, label: t('sandbox.legendOutput') }}
        testId="conv.sandbox.outputs"
      >
        <OutputMap
          output={output}
          channel={co}
          channels={cout}
          range={outRange}
          step={step}
          current={[oy, ox]}
          dense={dense}
        />
      </Group>
    </div>
  );
}

/**
 * Whether the window's row leaves the products out: when, drawn with them, the output map
 * would wrap below the grid (long numbers widen their cells). Measured before paint, again
 * when the figure's size or the model changes.
 */
function useLean(model: SandboxModel, step: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // The model and width it was decided for: a new model or size measures again.
  const [leanFor, setLeanFor] = useState<{ model: SandboxModel; width: number } | null>(null);
  const lean = leanFor?.model === model && leanFor.width === width;
  useLayoutEffect(() => {
    const box = ref.current?.parentElement;
    if (!box) return undefined;
    const ro = new ResizeObserver(() => setWidth(Math.round(box.clientWidth)));
    ro.observe(box);
    return () => ro.disconnect();
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (lean || !el) return;
    const first = el.querySelector<HTMLElement>('.sb-group');
    const out = el.querySelector<HTMLElement>('[data-testid="conv.sandbox.outputs"]');
    const wrapped = !!first && !!out && out.offsetTop >= first.offsetTop + first.offsetHeight - 1;
    // A layout measurement decides it, before paint: the one extra render is the point.
    if (wrapped) setLeanFor({ model, width });
  }, [lean, model, width, step]);
  return { ref, lean };
}

/** One output map, filled up to the current step, its current cell outlined. */
function OutputMap({
  output,
  channel: c,
  channels,
  range,
  step,
  current,
  dense = false,
}: {
  dense?: boolean;
  output: Tensor;
  channel: number;
  channels: number;
  range: readonly [number, number];
  step: number;
  current: [number, number] | null;
}) {
  const { t } = useTranslation();
  const [, ho, wo] = output.dims.slice(-3) as [number, number, number];
  return (
    <FigMatrix
      caption={t(channels > 1 ? 'sandbox.outputMap' : 'sandbox.outputMapOne', {
        index: c + 1,
        rows: ho,
        cols: wo,
      })}
      data={channelOf(output, c)}
      rows={ho}
      cols={wo}
      dense={dense}
      colormap="diverging"
      range={range}
      digits={DIGITS}
      isPending={(y, x) => (c * ho + y) * wo + x > step}
      cellClass={(y, x) =>
        current && y === current[0] && x === current[1] ? 'current' : undefined
      }
      testIdPrefix={outputPrefix('conv.sandbox.output', c)}
    />
  );
}

/** The output maps the figure does not show (several output channels): in the side column. */
export function OtherOutputs({ model, run, step }: Omit<FigureProps, 'config'>) {
  const { t } = useTranslation();
  const conv = model.conv!;
  const { co } = conv.steps[step]!;
  const cout = conv.output.dims[0]!;
  const output: Tensor = run.outputs?.conv ?? conv.output;
  const range = symmetricRange(extent(output.data));
  return (
    <div className="sb-figure sb-others" style={sizing(1, 1, 0, 0)}>
      {Array.from({ length: cout }, (_, c) =>
        c === co ? null : (
          <OutputMap
            key={c}
            output={output}
            channel={c}
            channels={cout}
            range={range}
            step={step}
            current={null}
          />
        ),
      )}
      <ColorLegend colormap="diverging" range={range} label={t('sandbox.legendOutput')} />
    </div>
  );
}

/** The activation: the output map, the curve with the current cell on it, the activated map. */
export function ActivationFigure({ config, model, run, step }: FigureProps) {
  const { t } = useTranslation();
  const conv = model.conv!;
  const current = conv.steps[step]!;
  const { co, oy, ox } = current;
  const [cout, ho, wo] = conv.output.dims as [number, number, number];
  const output: Tensor = run.outputs?.conv ?? conv.output;
  const act: Tensor = run.outputs?.act ?? model.act!;
  const activated = act.data[(co * ho + oy) * wo + ox]!;
  const outRange = symmetricRange(extent(output.data));
  const actRange = symmetricRange(extent(act.data));
  const names = Object.fromEntries(
    ACTIVATIONS.map((a) => [a, t(`sandbox.activations.${a}`, { slope: LEAKY_RELU_SLOPE })]),
  );
  const curves: LineSeries[] = ACTIVATION_CURVES.map((c) => ({ ...c, label: names[c.id]! }));
  const name = names[config.activation]!;
  const pending = (c: number, y: number, x: number) => (c * ho + y) * wo + x > step;
  const isCurrent = (c: number, y: number, x: number) =>
    c === co && y === oy && x === ox ? 'current' : undefined;
  const dense = isDense(2 * wo, cout * ho);

  return (
    <div
      className={dense ? 'sb-figure dense' : 'sb-figure'}
      style={sizing(2 * wo, cout * ho, 30, 4.2 + 1.6 * cout, undefined, wo)}
    >
      <ChannelGroup
        tensor={output}
        rows={ho}
        cols={wo}
        range={outRange}
        legendLabel={t('sandbox.legendOutput')}
        captionKey="sandbox.outputMap"
        dense={dense}
        isPending={pending}
        cellClass={isCurrent}
      />
      <Op>→</Op>
      <div className="sb-curve">
        <LineChart
          series={curves}
          highlight={config.activation}
          xDomain={X_DOMAIN}
          yDomain={Y_DOMAIN}
          marker={{ x: current.result, y: activated }}
          label={t('sandbox.curveLabel', { name })}
          description={t('sandbox.curveDescription')}
          testId="conv.sandbox.curve"
        />
        <p className="sb-note" data-testid="conv.sandbox.activated" data-value={activated}>
          {t(`sandbox.activationHints.${config.activation}`)}
        </p>
      </div>
      <Op>→</Op>
      <ChannelGroup
        tensor={act}
        rows={ho}
        cols={wo}
        range={actRange}
        legendLabel={t('sandbox.legendActivated')}
        captionKey="sandbox.activatedMap"
        dense={dense}
        isPending={pending}
        cellClass={isCurrent}
        testIdBase="conv.sandbox.act"
      />
    </div>
  );
}

/** Pooling: the activated map with the window that holds the current cell, and the pooled map. */
export function PoolFigure({ config, model, run, step }: FigureProps) {
  const { t } = useTranslation();
  const conv = model.conv!;
  const [cout, ho, wo] = conv.output.dims as [number, number, number];
  if (!model.pool) {
    return (
      <p className="sb-note" data-testid="conv.sandbox.no-pool-map">
        {t('sandbox.noPool', { k: config.poolSize, ho, wo })}
      </p>
    );
  }
  const { co, oy, ox } = conv.steps[step]!;
  const act: Tensor = run.outputs?.act ?? model.act!;
  const pooled: Tensor = run.outputs?.pool ?? model.pool.output;
  const [, hp, wp] = model.pool.output.dims as [number, number, number];
  const win = poolStepAt(model.pool, config.poolSize, config.poolStride, co, oy, ox);
  const inWindow = new Set(win?.cells.map((cell) => cell.y * wo + cell.x) ?? []);
  const maxCell = win && win.argmax >= 0 ? win.cells[win.argmax] : undefined;
  const actRange = symmetricRange(extent(act.data));
  const poolRange = symmetricRange(extent(pooled.data));
  const dense = isDense(wo + wp, cout * ho);

  return (
    <div
      className={dense ? 'sb-figure dense' : 'sb-figure'}
      style={sizing(wo + wp, cout * ho, 7, 4.2 + 1.6 * cout, undefined, wo)}
    >
      <ChannelGroup
        tensor={act}
        rows={ho}
        cols={wo}
        range={actRange}
        legendLabel={t('sandbox.legendActivated')}
        captionKey="sandbox.activatedMap"
        dense={dense}
        cellClass={(c, y, x) => {
          if (!win || c !== win.c || !inWindow.has(y * wo + x)) return undefined;
          return maxCell && maxCell.y === y && maxCell.x === x ? 'win pool-max' : 'win';
        }}
      />
      <Op>{config.pool === 'max' ? 'max →' : 'mean →'}</Op>
      <ChannelGroup
        tensor={pooled}
        rows={hp}
        cols={wp}
        range={poolRange}
        legendLabel={t('sandbox.legendPooled')}
        captionKey="sandbox.pooledMap"
        dense={dense}
        cellClass={(c, y, x) =>
          win && c === win.c && y === win.oy && x === win.ox ? 'current' : undefined
        }
        testIdBase="conv.sandbox.pooled"
      />
      {!win && (
        <p className="sb-note" data-testid="conv.sandbox.pool-result">
          {t('sandbox.notPooled', { row: oy, col: ox })}
        </p>
      )}
    </div>
  );
}
