import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { prefersReducedMotion } from '../shared/Stage';
import { extent } from '../../core/tensor';
import { formatValue } from '../../viz/format';
import { Heatmap } from '../../viz/Heatmap';
import { NumberGrid } from '../../viz/NumberGrid';
import { layerOf, type CnnActivations } from './cnn';
import type { UnitDetail as Detail } from './unitDetail';

/** The check that the recomputed number equals the model's own activation. */
function Agreement({ computed, model, layer }: { computed: number; model: number; layer: string }) {
  const { t } = useTranslation();
  const ok = Math.abs(computed - model) <= 1e-4 * Math.max(1, Math.abs(model));
  return (
    <p className={ok ? 'agree' : 'disagree'} data-testid="conv.unit.agreement" data-ok={ok}>
      <span data-testid="conv.unit.model" data-value={String(model)}>
        {t('conv.unit.modelSays', { layer, value: formatValue(model, 6) })}
      </span>{' '}
      {ok ? '✓' : t('conv.unit.mismatch')}
    </p>
  );
}

/** A 2-D slice [rows][cols] of a [C,H,W] tensor's channel c. */
const channelRows = (data: Float32Array, h: number, w: number, c: number) =>
  Array.from({ length: h }, (_, y) =>
    Array.from(data.subarray((c * h + y) * w, (c * h + y + 1) * w)),
  );

/**
 * One unit's computation, step by step: the receptive field on each input map, the kernel,
 * every product and the running sum, the bias, the result and ReLU — or a pooling window, a
 * dense layer's weighted sum, the softmax — with the model's own value beside it.
 */
export function UnitDetail({
  detail,
  acts,
  step,
}: {
  detail: Detail;
  acts: CnnActivations;
  step: number;
}) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  // The input map being summed over stays in view inside the figure as the steps go on.
  useEffect(() => {
    const active = root.current?.querySelector('.unit-channel.active');
    active?.scrollIntoView({
      block: 'nearest',
      inline: 'nearest',
      behavior: prefersReducedMotion() ? 'auto' : 'smooth',
    });
  }, [step]);
  const layerName = t(`conv.layer.${detail.unit.layer}`);
  switch (detail.kind) {
    case 'conv': {
      const { mac, inputLayer } = detail;
      const [cin, h, w] = layerOf(inputLayer).shape as [number, number, number];
      const input = acts[inputLayer].data;
      const range = extent(input);
      const current = mac.cells[Math.min(step, mac.cells.length - 1)]!;
      const running = step < mac.cells.length ? current.sum : mac.cells[mac.cells.length - 1]!.sum;
      const pad = 1;
      return (
        <div className="unit-detail" ref={root}>
          <div className="unit-channels">
            {Array.from({ length: cin }, (_, c) => {
              const cells = mac.cells.filter((cell) => cell.c === c);
              const base = c * 9;
              const klass = (i: number) =>
                base + i === step ? 'active' : base + i < step ? 'done' : undefined;
              const windowRows = [0, 1, 2].map((ky) =>
                [0, 1, 2].map((kx) => cells[ky * 3 + kx]!.value),
              );
              const kernelRows = [0, 1, 2].map((ky) =>
                [0, 1, 2].map((kx) => cells[ky * 3 + kx]!.weight),
              );
              const isPad = (ky: number, kx: number) => {
                const cell = cells[ky * 3 + kx]!;
                return cell.y < pad || cell.x < pad || cell.y >= h + pad || cell.x >= w + pad;
              };
              return (
                <figure
                  key={c}
                  className={
                    step >= base && step < base + 9 ? 'unit-channel active' : 'unit-channel'
                  }
                >
                  <figcaption>
                    {t('conv.unit.inputMap', {
                      layer: t(`conv.layer.${inputLayer}`),
                      index: c + 1,
                    })}
                  </figcaption>
                  <Heatmap
                    data={input.subarray(c * h * w, (c + 1) * h * w)}
                    width={w}
                    height={h}
                    range={range}
                    colormap={inputLayer === 'input' ? 'ink' : 'viridis'}
                    label={t('conv.unit.receptiveField', { index: c + 1 })}
                    size="5.5rem"
                    highlight={{ row: mac.oy - pad, col: mac.ox - pad, height: 3, width: 3 }}
                  />
                  <div className="unit-grids">
                    <NumberGrid
                      values={windowRows}
                      label={t('conv.unit.window', { index: c + 1 })}
                      cellClass={(r, col) =>
                        [klass(r * 3 + col), isPad(r, col) ? 'padding' : undefined]
                          .filter(Boolean)
                          .join(' ')
                      }
                      testIdPrefix={`conv.unit.window-${c}`}
                    />
                    <span aria-hidden="true">×</span>
                    <NumberGrid
                      values={kernelRows}
                      label={t('conv.unit.kernel', { index: c + 1 })}
                      cellClass={(r, col) => klass(r * 3 + col)}
                      testIdPrefix={`conv.unit.kernel-${c}`}
                    />
                  </div>
                </figure>
              );
            })}
          </div>
          <div className="unit-now" aria-live="polite" data-testid="conv.unit.now">
            {step < mac.cells.length ? (
              <p>
                {t('conv.unit.mac', {
                  x: formatValue(current.value, 4),
                  w: formatValue(current.weight, 4),
                  product: formatValue(current.product, 4),
                })}{' '}
                <strong data-testid="conv.unit.sum" data-value={String(running)}>
                  {t('conv.unit.runningSum', { sum: formatValue(running, 6) })}
                </strong>
              </p>
            ) : (
              <>
                <p>
                  {t('conv.unit.plusBias', {
                    sum: formatValue(running, 6),
                    bias: formatValue(mac.bias, 6),
                  })}{' '}
                  <strong data-testid="conv.unit.result" data-value={String(mac.result)}>
                    = {formatValue(mac.result, 6)}
                  </strong>
                </p>
                {step > mac.cells.length && (
                  <p data-testid="conv.unit.relu" data-value={String(detail.relu)}>
                    {t('conv.unit.relu', {
                      value: formatValue(mac.result, 6),
                      result: formatValue(detail.relu, 6),
                    })}
                  </p>
                )}
              </>
            )}
          </div>
          <Agreement computed={mac.result} model={detail.model} layer={layerName} />
        </div>
      );
    }
    case 'relu':
      return (
        <div className="unit-detail">
          <p data-testid="conv.unit.result" data-value={String(detail.post)}>
            {t('conv.unit.relu', {
              value: formatValue(detail.pre, 6),
              result: formatValue(detail.post, 6),
            })}
          </p>
          <Agreement computed={detail.post} model={detail.model} layer={layerName} />
        </div>
      );
    case 'pool': {
      const { pool, inputLayer } = detail;
      const [, h, w] = layerOf(inputLayer).shape as [number, number, number];
      const input = acts[inputLayer].data;
      const size = Math.sqrt(pool.cells.length);
      const seen = pool.cells.slice(0, Math.min(step + 1, pool.cells.length));
      const best = Math.max(...seen.map((c) => c.value));
      const rows = Array.from({ length: size }, (_, r) =>
        pool.cells.slice(r * size, (r + 1) * size).map((c) => c.value),
      );
      const done = step >= pool.cells.length;
      return (
        <div className="unit-detail">
          <div className="unit-channels">
            <figure className="unit-channel">
              <figcaption>
                {t('conv.unit.inputMap', {
                  layer: t(`conv.layer.${inputLayer}`),
                  index: pool.c + 1,
                })}
              </figcaption>
              <Heatmap
                data={input.subarray(pool.c * h * w, (pool.c + 1) * h * w)}
                width={w}
                height={h}
                range={extent(channelRows(input, h, w, pool.c).flat())}
                colormap="viridis"
                label={t('conv.unit.receptiveField', { index: pool.c + 1 })}
                size="5.5rem"
                highlight={{
                  row: pool.cells[0]!.y,
                  col: pool.cells[0]!.x,
                  height: size,
                  width: size,
                }}
              />
              <NumberGrid
                values={rows}
                label={t('conv.unit.window', { index: pool.c + 1 })}
                cellClass={(r, c) => {
                  const i = r * size + c;
                  if (done) return i === pool.argmax ? 'active' : undefined;
                  return i === step ? 'active' : i < step ? 'done' : undefined;
                }}
                testIdPrefix="conv.unit.pool"
              />
            </figure>
          </div>
          <p aria-live="polite" data-testid="conv.unit.now">
            {done ? (
              <strong data-testid="conv.unit.result" data-value={String(pool.result)}>
                {t('conv.unit.poolResult', { value: formatValue(pool.result, 6) })}
              </strong>
            ) : (
              t('conv.unit.maxSoFar', { value: formatValue(best, 6) })
            )}
          </p>
          <Agreement computed={pool.result} model={detail.model} layer={layerName} />
        </div>
      );
    }
    case 'dense': {
      const top = [...detail.terms]
        .sort((a, b) => Math.abs(b.product) - Math.abs(a.product))
        .slice(0, 8);
      return (
        <div className="unit-detail">
          <table className="terms">
            <caption>
              {t('conv.unit.topTerms', { count: top.length, total: detail.terms.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">j</th>
                <th scope="col">a_j</th>
                <th scope="col">W_kj</th>
                <th scope="col">a_j · W_kj</th>
              </tr>
            </thead>
            <tbody>
              {top.map((term) => (
                <tr key={term.index}>
                  <td>{term.index}</td>
                  <td>{formatValue(term.value, 4)}</td>
                  <td>{formatValue(term.weight, 4)}</td>
                  <td>{formatValue(term.product, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {t('conv.unit.plusBias', {
              sum: formatValue(detail.sum - detail.bias, 6),
              bias: formatValue(detail.bias, 6),
            })}{' '}
            <strong data-testid="conv.unit.result" data-value={String(detail.sum)}>
              = {formatValue(detail.sum, 6)}
            </strong>
          </p>
          <Agreement computed={detail.sum} model={detail.model} layer={layerName} />
        </div>
      );
    }
    case 'softmax': {
      const k = detail.unit.channel;
      return (
        <div className="unit-detail">
          <table className="terms">
            <thead>
              <tr>
                <th scope="col">j</th>
                <th scope="col">z_j</th>
                <th scope="col">e^(z_j − max z)</th>
              </tr>
            </thead>
            <tbody>
              {detail.exps.map((e, j) => (
                <tr key={j} className={j === k ? 'active' : undefined}>
                  <td>{j}</td>
                  <td>{formatValue(detail.logits[j]!, 5)}</td>
                  <td>{formatValue(e, 5)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <strong data-testid="conv.unit.result" data-value={String(detail.result)}>
              {t('conv.unit.softmaxResult', {
                k,
                num: formatValue(detail.exps[k]!, 5),
                den: formatValue(detail.sumExp, 5),
                value: formatValue(detail.result, 6),
              })}
            </strong>
          </p>
          <Agreement computed={detail.result} model={detail.model} layer={layerName} />
        </div>
      );
    }
  }
}
