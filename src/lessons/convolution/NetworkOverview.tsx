import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { extent } from '../../core/tensor';
import { ColorLegend } from '../../viz/ColorLegend';
import type { ColormapName } from '../../viz/colormap';
import { FeatureMapGrid } from '../../viz/FeatureMapGrid';
import { formatPercent, formatValue } from '../../viz/format';
import { CNN_LAYERS, type CnnActivations, type CnnLayer, type CnnLayerId } from './cnn';
import type { Unit } from './config';
import { inputField, readsFrom, type Rect } from './overview';

export const colormapOf = (layer: CnnLayer): ColormapName =>
  layer.kind === 'conv' ? 'diverging' : layer.kind === 'input' ? 'ink' : 'viridis';

/** The unit of a map layer under a cell (null for the input image, which has no units to open). */
export function unitOfCell(
  layer: CnnLayer,
  cell: { channel: number; row: number; col: number } | null,
): Unit | null {
  if (!cell || layer.id === 'input') return null;
  return { layer: layer.id, channel: cell.channel, y: cell.row, x: cell.col };
}

interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  field?: boolean;
}

/**
 * The CNN as one row of columns, the input at the left and the ten classes at the right
 * (CNN Explainer's layout). The current layer is lit; hovering or opening a unit draws edges
 * to the units it reads in the layer before, outlines that window, and, dashed, its receptive
 * field in the input image. Click a unit to open its computation; click a title to go to the
 * layer.
 */
export function NetworkOverview({
  acts,
  focus,
  unit,
  onUnit,
  onLayer,
  hover,
  onHover,
}: {
  acts: CnnActivations;
  focus: CnnLayerId;
  unit: Unit | null;
  onUnit: (unit: Unit) => void;
  onLayer: (index: number) => void;
  /** The unit under the pointer here or in the stage's large figure (drawn with its edges). */
  hover: Unit | null;
  onHover: (unit: Unit | null) => void;
}) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const setHover = onHover;
  const [lines, setLines] = useState<{ lines: Line[]; boxes: (Rect & { field?: boolean })[] }>({
    lines: [],
    boxes: [],
  });
  const shownUnit = hover ?? unit;

  // Every map's accessible name, made once per language (not on every new digit: ~70 maps).
  const labels = useMemo(
    () =>
      new Map(
        CNN_LAYERS.map((layer) => [
          layer.id,
          Array.from(
            { length: layer.shape.length === 3 ? layer.shape[0]! : 0 },
            (_, c) => `${t(`conv.layer.${layer.id}`)} · ${t('conv.channel', { index: c + 1 })}`,
          ),
        ]),
      ),
    [t],
  );

  // Edges from the unit to what it reads, measured from the drawn maps.
  useLayoutEffect(() => {
    const el = root.current;
    if (!el || !shownUnit) {
      setLines({ lines: [], boxes: [] });
      return;
    }
    const origin = el.getBoundingClientRect();
    const item = (layer: CnnLayerId, c: number) =>
      el.querySelector<HTMLElement>(`[data-testid="conv.column.${layer}-${c}"]`);
    const cellBox = (layer: CnnLayerId, c: number, r: Rect): Rect | null => {
      const node = item(layer, c);
      if (!node) return null;
      const b = node.getBoundingClientRect();
      const shape = CNN_LAYERS.find((l) => l.id === layer)!.shape;
      if (shape.length === 1) {
        return {
          col: b.left - origin.left,
          row: b.top - origin.top,
          width: b.width,
          height: b.height,
        };
      }
      const [, h, w] = shape as [number, number, number];
      return {
        col: b.left - origin.left + (r.col / w) * b.width,
        row: b.top - origin.top + (r.row / h) * b.height,
        width: (r.width / w) * b.width,
        height: (r.height / h) * b.height,
      };
    };
    const centre = (r: Rect) => ({ x: r.col + r.width / 2, y: r.row + r.height / 2 });
    const from = cellBox(shownUnit.layer, shownUnit.channel, {
      row: shownUnit.y,
      col: shownUnit.x,
      height: 1,
      width: 1,
    });
    if (!from) return;
    const reads = readsFrom(shownUnit);
    const boxes: (Rect & { field?: boolean })[] = [from];
    const out: Line[] = [];
    const a = centre(from);
    const sources = reads.channels
      .map((c) => cellBox(reads.layer, c, reads.rect ?? { row: 0, col: 0, height: 1, width: 1 }))
      .filter((b): b is Rect => b !== null);
    for (const s of sources) {
      const b = centre(s);
      out.push({ x1: a.x, y1: a.y, x2: s.col + s.width, y2: b.y });
      if (reads.rect) boxes.push(s);
    }
    // On to the receptive field in the input (unless the layer before is the input itself).
    if (reads.layer !== 'input') {
      const field = cellBox('input', 0, inputField(shownUnit));
      if (field) {
        boxes.push({ ...field, field: true });
        const f = centre(field);
        for (const s of sources.slice(0, 4)) {
          out.push({ x1: s.col, y1: s.row + s.height / 2, x2: f.x, y2: f.y, field: true });
        }
      }
    }
    setLines({ lines: out, boxes });
  }, [shownUnit, acts]);

  return (
    <div className="conv-overview" ref={root}>
      <div className="network" role="list" aria-label={t('conv.network')}>
        {CNN_LAYERS.map((layer, i) => {
          const data = acts[layer.id].data;
          const marked =
            unit?.layer === layer.id ? { channel: unit.channel, row: unit.y, col: unit.x } : null;
          const maps = layer.shape.length === 3 ? layer.shape[0]! : 0;
          return (
            <div
              key={layer.id}
              role="listitem"
              className={layer.id === focus ? 'column focus' : 'column'}
              aria-current={layer.id === focus ? 'step' : undefined}
              data-testid={`conv.column.${layer.id}`}
            >
              <button type="button" className="column-title" onClick={() => onLayer(i)}>
                {t(`conv.layerShort.${layer.id}`)}
              </button>
              {maps > 0 ? (
                <>
                  <ColorLegend
                    colormap={colormapOf(layer)}
                    range={extent(data)}
                    label={t('conv.scale')}
                  />
                  <div className={`overview-maps maps-${maps}`}>
                    <FeatureMapGrid
                      data={data}
                      channels={maps}
                      height={layer.shape[1]!}
                      width={layer.shape[2]!}
                      colormap={colormapOf(layer)}
                      channelLabel={(c) => labels.get(layer.id)?.[c - 1] ?? ''}
                      legendLabel={t('conv.scale')}
                      legend={false}
                      mapSize={layer.id === 'input' ? '4rem' : maps > 8 ? '1.6rem' : '1.85rem'}
                      onUnitHover={(cell) => setHover(unitOfCell(layer, cell))}
                      onUnitClick={
                        layer.id === 'input'
                          ? undefined
                          : (channel, y, x) =>
                              onUnit({ layer: layer.id as Unit['layer'], channel, y, x })
                      }
                      marked={marked}
                      testIdPrefix={`conv.column.${layer.id}`}
                    />
                  </div>
                </>
              ) : (
                <ol className="dense-column">
                  {Array.from(data, (v, k) => (
                    <li key={k}>
                      <button
                        type="button"
                        className={marked?.channel === k ? 'selected' : undefined}
                        onClick={() =>
                          onUnit({ layer: layer.id as Unit['layer'], channel: k, y: 0, x: 0 })
                        }
                        onPointerEnter={() =>
                          setHover({ layer: layer.id as Unit['layer'], channel: k, y: 0, x: 0 })
                        }
                        onPointerLeave={() => setHover(null)}
                        data-testid={`conv.column.${layer.id}-${k}`}
                        aria-label={`${t(`conv.layer.${layer.id}`)} ${k}: ${formatValue(v, 4)}`}
                        style={
                          layer.kind === 'softmax'
                            ? { backgroundSize: `${Math.round(v * 100)}% 100%` }
                            : undefined
                        }
                      >
                        <span>{k}</span>{' '}
                        <span>
                          {layer.kind === 'softmax' ? `${formatPercent(v, 0)}%` : formatValue(v, 2)}
                        </span>
                      </button>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          );
        })}
      </div>
      <svg className="conv-edges" aria-hidden="true" data-testid="conv.overview.edges">
        {lines.lines.map((l, i) => (
          <line
            key={i}
            x1={l.x1}
            y1={l.y1}
            x2={l.x2}
            y2={l.y2}
            className={l.field ? 'field' : undefined}
          />
        ))}
        {lines.boxes.map((b, i) => (
          <rect
            key={`b${i}`}
            x={b.col}
            y={b.row}
            width={b.width}
            height={b.height}
            className={b.field ? 'field' : i === 0 ? 'unit' : undefined}
          />
        ))}
      </svg>
    </div>
  );
}
