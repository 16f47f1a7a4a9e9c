import { describe, expect, it } from 'vitest';
import {
  DATA_KINDS,
  MAX_CUSTOM_POINTS,
  PLANE,
  formatPointsCsv,
  parsePointsCsv,
  sampleData,
  type DataSpec,
  type Point,
} from './ganData';

const specs: DataSpec[] = DATA_KINDS.map((kind) =>
  kind === 'custom'
    ? {
        kind,
        points: [
          [0, 0],
          [0.5, 0.5],
          [-0.5, 0.25],
        ],
      }
    : { kind },
);
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

describe('sampleData', () => {
  it.each(specs.map((s) => [s.kind, s] as const))(
    '%s: seeded, n points, inside the plane',
    (_, s) => {
      const a = sampleData(s, 500, 7);
      expect(a).toHaveLength(500);
      expect(sampleData(s, 500, 7)).toEqual(a);
      expect(sampleData(s, 500, 8)).not.toEqual(a);
      for (const [x, y] of a) {
        expect(x).toBeGreaterThanOrEqual(PLANE.min);
        expect(x).toBeLessThanOrEqual(PLANE.max);
        expect(y).toBeGreaterThanOrEqual(PLANE.min);
        expect(y).toBeLessThanOrEqual(PLANE.max);
      }
    },
  );
  it('ring: radius 0.6 ± 0.04, centred on 0', () => {
    const a = sampleData({ kind: 'ring' }, 4000, 1);
    const r = a.map(([x, y]) => Math.hypot(x, y));
    expect(mean(r)).toBeCloseTo(0.6, 2);
    expect(Math.sqrt(mean(r.map((v) => (v - 0.6) ** 2)))).toBeCloseTo(0.04, 2);
    expect(Math.abs(mean(a.map((p) => p[0])))).toBeLessThan(0.03);
  });
  it('line: y = 0.6x with small noise', () => {
    const a = sampleData({ kind: 'line' }, 2000, 2);
    const res = a.map(([x, y]) => y - 0.6 * x);
    expect(Math.abs(mean(res))).toBeLessThan(0.005);
    expect(Math.sqrt(mean(res.map((v) => v * v)))).toBeCloseTo(0.03, 2);
  });
  it('gaussians-8: every point near one of 8 centres, all 8 used', () => {
    const a = sampleData({ kind: 'gaussians-8' }, 2000, 3);
    const used = new Set<number>();
    for (const [x, y] of a) {
      const k = ((Math.round((Math.atan2(y, x) / (2 * Math.PI)) * 8) % 8) + 8) % 8;
      const c = [0.7 * Math.cos((k * Math.PI) / 4), 0.7 * Math.sin((k * Math.PI) / 4)];
      expect(Math.hypot(x - c[0]!, y - c[1]!)).toBeLessThan(0.3);
      used.add(k);
    }
    expect(used.size).toBe(8);
  });
  it('custom: points near the user’s points', () => {
    const pts: Point[] = [
      [0.5, 0.5],
      [-0.5, -0.5],
      [0.5, -0.5],
    ];
    const a = sampleData({ kind: 'custom', points: pts }, 300, 4);
    for (const p of a) {
      const d = Math.min(...pts.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
      expect(d).toBeLessThan(0.12);
    }
  });
});

describe('parsePointsCsv', () => {
  it('reads x,y lines with a header, blanks, comments and other separators', () => {
    const r = parsePointsCsv('x,y\n0.1,0.2\n\n# a comment\n-0.3; 0.4\n0.5\t−0.6\n1e-1 2E-1\r\n');
    expect(r).toEqual({
      ok: true,
      points: [
        [0.1, 0.2],
        [-0.3, 0.4],
        [0.5, -0.6],
        [0.1, 0.2],
      ],
    });
  });
  it('names the line of each problem and returns nothing half-read', () => {
    const r = parsePointsCsv('x,y\n0.1,0.2\n0.3,abc\n0.1\n1.5,0\n0,0\n0.2,0.2');
    expect(r).toEqual({
      ok: false,
      problems: [
        { line: 3, message: 'y "abc" is not a number' },
        { line: 4, message: 'expected 2 values (x,y), found 1' },
        { line: 5, message: 'x = 1.5 is outside the plane [-1, 1]' },
      ],
    });
  });
  it('a header is only allowed first', () => {
    const r = parsePointsCsv('0,0\nx,y\n0.1,0.1\n0.2,0.2');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toEqual({ line: 2, message: 'x "x" is not a number' });
  });
  it('needs 3 to 512 points', () => {
    expect(parsePointsCsv('0,0\n0.1,0.1')).toMatchObject({
      ok: false,
      problems: [{ message: 'at least 3 points are needed, found 2' }],
    });
    const many = Array.from({ length: MAX_CUSTOM_POINTS + 1 }, () => '0,0').join('\n');
    expect(parsePointsCsv(many)).toMatchObject({ ok: false });
  });
  it('round-trips formatPointsCsv', () => {
    const pts: Point[] = [
      [0.1234, -0.5],
      [0, 1],
      [-1, 0.25],
    ];
    expect(parsePointsCsv(formatPointsCsv(pts))).toEqual({ ok: true, points: pts });
  });
});
