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
  testIdPrefix,
}: FeatureMapGridProps) {
  const range = extent(data);
  const plane = height * width;
  return (
    <div className="feature-maps">
      <ColorLegend colormap={colormap} range={range} label={legendLabel} />
      <div className="feature-grid">
        {Array.from({ length: channels }, (_, c) => (
          <figure key={c} className="feature-map">
            <Heatmap
              data={data.subarray(c * plane, (c + 1) * plane)}
              width={width}
              height={height}
              range={range}
              colormap={colormap}
              label={channelLabel(c + 1)}
              hoverValues
              testId={testIdPrefix ? `${testIdPrefix}-${c}` : undefined}
            />
            <figcaption>{channelLabel(c + 1)}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
