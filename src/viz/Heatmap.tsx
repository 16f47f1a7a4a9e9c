import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { colorAt, normalize, type ColormapName } from './colormap';
import { formatValue } from './format';

export interface HeatmapProps {
  /** [height·width], row-major. */
  data: ArrayLike<number>;
  width: number;
  height: number;
  range: readonly [number, number];
  colormap: ColormapName;
  /** Accessible name of the picture. */
  label: string;
  /** CSS size of the drawn square, e.g. "6rem". */
  size?: string;
  /** Show the value under the pointer. */
  hoverValues?: boolean;
  testId?: string;
}

/** A matrix drawn as coloured cells (one canvas pixel per cell, scaled up without smoothing). */
export function Heatmap({
  data,
  width,
  height,
  range,
  colormap,
  label,
  size,
  hoverValues,
  testId,
}: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      const [r, g, b] = colorAt(colormap, normalize(data[i] ?? 0, range, colormap));
      img.data[i * 4] = r;
      img.data[i * 4 + 1] = g;
      img.data[i * 4 + 2] = b;
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [data, width, height, range, colormap]);

  const onMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const col = Math.floor(((e.clientX - rect.left) / rect.width) * width);
    const row = Math.floor(((e.clientY - rect.top) / rect.height) * height);
    setHover(col >= 0 && col < width && row >= 0 && row < height ? { row, col } : null);
  };

  return (
    <div className="heatmap" style={{ width: size }}>
      <canvas
        ref={ref}
        width={width}
        height={height}
        role="img"
        aria-label={label}
        data-testid={testId}
        onPointerMove={hoverValues ? onMove : undefined}
        onPointerLeave={hoverValues ? () => setHover(null) : undefined}
      />
      {hover && (
        <span className="heatmap-tip" role="status">
          [{hover.row}, {hover.col}] = {formatValue(data[hover.row * width + hover.col] ?? 0, 4)}
        </span>
      )}
    </div>
  );
}
