import { MatrixGrid, type MatrixGridProps } from '../../../viz/MatrixGrid';

/** A captioned matrix that scrolls inside its panel when wide (the grid is labelled by the caption). */
export function MatrixFigure({
  caption,
  label,
  ...grid
}: { caption: string } & Omit<MatrixGridProps, 'label'> & { label?: string }) {
  return (
    <figure className="matrix-figure">
      <figcaption>{caption}</figcaption>
      <div className="matrix-scroll">
        <MatrixGrid label={label ?? caption} {...grid} />
      </div>
    </figure>
  );
}
