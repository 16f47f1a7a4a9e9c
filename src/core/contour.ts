/**
 * Contour lines of a sampled field by marching squares: for each level, the segments where
 * the field, linearly interpolated between neighbouring samples, crosses it.
 */

/** A segment [x₀, y₀, x₁, y₁] in sample coordinates (x = column, y = row, samples at integers). */
export type Segment = readonly [number, number, number, number];

/**
 * Segments of the level set {v = level} of `values` ([rows·cols], row-major). A saddle cell is
 * split by the value at its centre (the mean of its corners). NaN samples give no segments.
 */
export function contourSegments(
  values: ArrayLike<number>,
  cols: number,
  rows: number,
  level: number,
): Segment[] {
  const out: Segment[] = [];
  const at = (r: number, c: number) => values[r * cols + c]!;
  // Where the level crosses the edge between samples a (at p) and b (at q).
  const cross = (a: number, b: number, p: number, q: number) =>
    p + ((level - a) / (b - a)) * (q - p);
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const tl = at(r, c);
      const tr = at(r, c + 1);
      const br = at(r + 1, c + 1);
      const bl = at(r + 1, c);
      if ([tl, tr, br, bl].some(Number.isNaN)) continue;
      const code =
        (tl > level ? 8 : 0) | (tr > level ? 4 : 0) | (br > level ? 2 : 0) | (bl > level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      const top = (): [number, number] => [cross(tl, tr, c, c + 1), r];
      const right = (): [number, number] => [c + 1, cross(tr, br, r, r + 1)];
      const bottom = (): [number, number] => [cross(bl, br, c, c + 1), r + 1];
      const left = (): [number, number] => [c, cross(tl, bl, r, r + 1)];
      const seg = (p: [number, number], q: [number, number]) => out.push([p[0], p[1], q[0], q[1]]);
      const centreAbove = (tl + tr + br + bl) / 4 > level;
      switch (code) {
        case 1:
        case 14:
          seg(left(), bottom());
          break;
        case 2:
        case 13:
          seg(bottom(), right());
          break;
        case 3:
        case 12:
          seg(left(), right());
          break;
        case 4:
        case 11:
          seg(top(), right());
          break;
        case 6:
        case 9:
          seg(top(), bottom());
          break;
        case 7:
        case 8:
          seg(left(), top());
          break;
        case 5:
          // tr and bl above: joined through the centre when it is above too.
          if (centreAbove) {
            seg(left(), top());
            seg(bottom(), right());
          } else {
            seg(left(), bottom());
            seg(top(), right());
          }
          break;
        case 10:
          if (centreAbove) {
            seg(left(), bottom());
            seg(top(), right());
          } else {
            seg(left(), top());
            seg(bottom(), right());
          }
          break;
      }
    }
  }
  return out;
}
