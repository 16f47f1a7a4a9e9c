import { extent } from '../core/tensor';
import { ColorLegend } from './ColorLegend';
import type { ColormapName } from './colormap';
import { Heatmap } from './Heatmap';

export interface FeatureMapGridProps {
  /** [channels·height·width], row-major. */
  data: Float32Array;
  channels: number;
  height: number;
  width: number;
  colormap: ColormapName;
  channelLabel: (index: number) => string;
  legendLabel: string;
  /** CSS size of each map; the grid fills the width when omitted. */
  mapSize?: string;
  /** Hide the legend (e.g. in compact columns that show it once). */
  legend?: boolean;
  /** Told the unit under the pointer (null when it leaves a map). */
  onUnitHover?: (unit: { channel: number; row: number; col: number } | null) => void;
  /** Makes units clickable. */
  onUnitClick?: (channel: number, row: number, col: number) => void;
  /** The selected unit, marked on its map. */
  marked?: { channel: number; row: number; col: number } | null;
  testIdPrefix?: string;
}

/** A layer's feature maps side by side, on one shared colour scale so they can be compared. */
export function FeatureMapGrid({
  data,
  channels,
  height,
  width,
  colormap,
  channelLabel,
  legendLabel,
  mapSize,
  legend = true,
  onUnitHover,
  onUnitClick,
  marked,
  testIdPrefix,
}: FeatureMapGridProps) {
  const range = extent(data);
  const plane = height * width;
  return (
    <div className="feature-maps">
      {legend && <ColorLegend colormap={colormap} range={range} label={legendLabel} />}
      <div className={mapSize ? 'feature-stack' : 'feature-grid'}>
        {Array.from({ length: channels }, (_, c) => (
          <figure key={c} className="feature-map">
            <Heatmap
              data={data.subarray(c * plane, (c + 1) * plane)}
              width={width}
              height={height}
              range={range}
              colormap={colormap}
              label={channelLabel(c + 1)}
              size={mapSize}
              hoverValues
              onCellClick={onUnitClick ? (row, col) => onUnitClick(c, row, col) : undefined}
              onCellHover={
                onUnitHover ? (cell) => onUnitHover(cell && { channel: c, ...cell }) : undefined
              }
              marked={marked && marked.channel === c ? { row: marked.row, col: marked.col } : null}
              testId={testIdPrefix ? `${testIdPrefix}-${c}` : undefined}
            />
            {!mapSize && <figcaption>{channelLabel(c + 1)}</figcaption>}
          </figure>
        ))}
      </div>
    </div>
  );
}
