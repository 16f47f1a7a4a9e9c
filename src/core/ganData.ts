/**
 * 2-D data distributions for the GAN playground, sampled with a seed so a link reproduces
 * the same batch everywhere, plus the parser for people's own points (CSV of x,y).
 *
 * Every distribution lives in the plane [−1, 1]² (`PLANE`): the playground draws that
 * square, and the generator's output layer is unbounded, so fixed bounds keep the view
 * steady while it learns.
 */
import { seededNormal, seededRandom } from './random';

/** The built-in distributions. */
export const BUILTIN_DATA_KINDS = [
  'ring',
  'two-gaussians',
  'line',
  'spiral',
  'gaussians-8',
] as const;
export const DATA_KINDS = [...BUILTIN_DATA_KINDS, 'custom'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** A point [x, y]. */
export type Point = [number, number];

/** What to sample: a built-in distribution, or the user's own points (3 to MAX_CUSTOM_POINTS). */
export type DataSpec = { kind: Exclude<DataKind, 'custom'> } | { kind: 'custom'; points: Point[] };

/** The plane every distribution lives in: x and y in [min, max]. */
export const PLANE = { min: -1, max: 1 } as const;

export const MIN_CUSTOM_POINTS = 3;
export const MAX_CUSTOM_POINTS = 512;

/** Spread (standard deviation) of the jitter around a user's points when they are sampled. */
export const CUSTOM_JITTER = 0.02;

/**
 * n points from the distribution, as [n] pairs. Same spec, n and seed → same points.
 * - ring: radius 0.6 + N(0, 0.04²), angle uniform
 * - two-gaussians: N((−0.5, −0.2), 0.12²) and N((0.45, 0.35), 0.08²), half each
 * - line: x uniform in [−0.7, 0.7], y = 0.6x + N(0, 0.03²)
 * - spiral: t uniform in [0, 1], angle 3πt, radius 0.1 + 0.7t, plus N(0, 0.02²) each axis
 * - gaussians-8: 8 centres on a circle of radius 0.7, N(centre, 0.05²), chosen uniformly
 * - custom: a user's point chosen uniformly, plus N(0, CUSTOM_JITTER²) on each axis
 */
export function sampleData(spec: DataSpec, n: number, seed: number): Point[] {
  const u = seededRandom(seed);
  const g = seededNormal(u);
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    switch (spec.kind) {
      case 'ring': {
        const a = 2 * Math.PI * u();
        const r = 0.6 + 0.04 * g();
        out.push([r * Math.cos(a), r * Math.sin(a)]);
        break;
      }
      case 'two-gaussians': {
        const first = u() < 0.5;
        out.push(
          first ? [-0.5 + 0.12 * g(), -0.2 + 0.12 * g()] : [0.45 + 0.08 * g(), 0.35 + 0.08 * g()],
        );
        break;
      }
      case 'line': {
        const x = -0.7 + 1.4 * u();
        out.push([x, 0.6 * x + 0.03 * g()]);
        break;
      }
      case 'spiral': {
        const t = u();
        const a = 3 * Math.PI * t;
        const r = 0.1 + 0.7 * t;
        out.push([r * Math.cos(a) + 0.02 * g(), r * Math.sin(a) + 0.02 * g()]);
        break;
      }
      case 'gaussians-8': {
        const k = Math.floor(8 * u());
        const a = (2 * Math.PI * k) / 8;
        out.push([0.7 * Math.cos(a) + 0.05 * g(), 0.7 * Math.sin(a) + 0.05 * g()]);
        break;
      }
      case 'custom': {
        const p = spec.points[Math.floor(u() * spec.points.length)]!;
        out.push([p[0] + CUSTOM_JITTER * g(), p[1] + CUSTOM_JITTER * g()]);
        break;
      }
    }
  }
  return out;
}

/** A problem in pasted or uploaded points: the 1-based line and what is wrong there. */
export interface CsvProblem {
  line: number;
  message: string;
}

export type ParsedPoints = { ok: true; points: Point[] } | { ok: false; problems: CsvProblem[] };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Reads points from CSV text: one `x,y` per line (comma, semicolon, tab or spaces), blank
 * lines and `#` comments skipped, and a header row (e.g. `x,y`) allowed on the first line.
 * Every point must lie in the plane [−1, 1]². Returns the points, or the problems (at most
 * `maxProblems`, each naming its line) — nothing half-read.
 */
export function parsePointsCsv(text: string, maxProblems = 5): ParsedPoints {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const points: Point[] = [];
  const problems: CsvProblem[] = [];
  let seenData = false;
  for (let i = 0; i < lines.length && problems.length < maxProblems; i++) {
    const raw = lines[i]!.replace(/#.*$/, '').trim();
    if (raw === '') continue;
    const cells = raw.split(/\s*[,;\t]\s*|\s+/).map((c) => c.replace(/[−–]/g, '-'));
    const numeric = cells.map((c) => NUMBER.test(c));
    if (!seenData && numeric.every((ok) => !ok)) {
      seenData = true; // a header row: only before the first data line
      continue;
    }
    seenData = true;
    const line = i + 1;
    if (cells.length !== 2) {
      problems.push({ line, message: `expected 2 values (x,y), found ${cells.length}` });
      continue;
    }
    const bad = numeric.indexOf(false);
    if (bad >= 0) {
      problems.push({ line, message: `${bad === 0 ? 'x' : 'y'} "${cells[bad]}" is not a number` });
      continue;
    }
    const [x, y] = cells.map(Number) as Point;
    const out = [x, y].findIndex((v) => v < PLANE.min || v > PLANE.max);
    if (out >= 0) {
      problems.push({
        line,
        message: `${out === 0 ? 'x' : 'y'} = ${out === 0 ? x : y} is outside the plane [${PLANE.min}, ${PLANE.max}]`,
      });
      continue;
    }
    points.push([x, y]);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (points.length < MIN_CUSTOM_POINTS) {
    return {
      ok: false,
      problems: [
        {
          line: lines.length,
          message: `at least ${MIN_CUSTOM_POINTS} points are needed, found ${points.length}`,
        },
      ],
    };
  }
  if (points.length > MAX_CUSTOM_POINTS) {
    return {
      ok: false,
      problems: [
        {
          line: lines.length,
          message: `at most ${MAX_CUSTOM_POINTS} points, found ${points.length}`,
        },
      ],
    };
  }
  return { ok: true, points };
}

/** Points as CSV text with a header, the inverse of parsePointsCsv (4 decimals). */
export function formatPointsCsv(points: readonly Point[]): string {
  return ['x,y', ...points.map(([x, y]) => `${+x.toFixed(4)},${+y.toFixed(4)}`)].join('\n');
}
