import { gradientCss, type ColormapName } from './colormap';
import { formatValue } from './format';

/** The colour scale with its end values (and 0 in the middle for a diverging scale). */
export function ColorLegend({
  colormap,
  range,
  label,
}: {
  colormap: ColormapName;
  range: readonly [number, number];
  label: string;
}) {
  const m = Math.max(Math.abs(range[0]), Math.abs(range[1]));
  const [lo, hi] = colormap === 'diverging' ? [-m, m] : range;
  return (
    <figure className="legend" aria-label={`${label}: ${formatValue(lo)} … ${formatValue(hi)}`}>
      <div className="legend-bar" style={{ background: gradientCss(colormap) }} />
      <figcaption className="legend-ticks">
        <span>{formatValue(lo)}</span>
        {colormap === 'diverging' && <span>0</span>}
        <span>{formatValue(hi)}</span>
      </figcaption>
    </figure>
  );
}
