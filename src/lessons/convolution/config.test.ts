import { describe, expect, it } from 'vitest';
import { problemsOf } from '../../store/lessonRegistry';
import { sandboxConfigSchema, sandboxDefaults } from './config';

const problems = (patch: Record<string, unknown>) => {
  const r = sandboxConfigSchema.safeParse({ ...sandboxDefaults, ...patch });
  return r.success ? [] : problemsOf(r.error, 'config');
};

describe('sandbox config schema', () => {
  it('accepts the article example and multi-channel kernels of one shape', () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({
        input: [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ],
        kernel: [
          [[[1]], [[2]]],
          [[[3]], [[4]]],
        ],
        bias: [0, 1],
      }),
    ).toEqual([]);
  });

  it('refuses numbers float32 products would overflow, naming the cell', () => {
    const p = problems({
      input: [
        [1, 2],
        [3, 1e38],
      ],
      kernel: [[1e30]],
    });
    expect(p.map((x) => x.field)).toEqual(['config.input.1.1', 'config.kernel.0.0']);
    expect(p[0]!.message).toMatch(/at most 1,000,000 \(float32/);
  });

  it('rejects output channels of different shapes, naming the channel', () => {
    const p = problems({
      kernel: [
        [[[1]]],
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ],
    });
    expect(p.map((x) => x.field)).toContain('config.kernel.1');
    const q = problems({ input: [[[1]], [[2]]], kernel: [[[[1]], [[1]]], [[[1]]]] });
    expect(q.map((x) => x.field)).toContain('config.kernel.1');
  });

  it('refuses combinations too large to animate, with the numbers', () => {
    const big = Array.from({ length: 16 }, () => Array<number>(16).fill(1));
    const kernel = Array.from({ length: 3 }, () =>
      Array.from({ length: 3 }, () => Array.from({ length: 7 }, () => Array<number>(7).fill(1))),
    );
    const p = problems({
      input: [big, big, big],
      kernel,
      bias: [0, 0, 0],
      transposed: true,
      stride: 4,
      dilation: 4,
    });
    expect(p).toHaveLength(1);
    expect(p[0]!.field).toBe('config');
    expect(p[0]!.message).toContain('3×85×85');
    // The largest ordinary convolution the limits allow still fits.
    expect(problems({ input: [big, big, big], kernel, bias: [0, 0, 0], padding: 3 })).toEqual([]);
  });

  it('names ragged rows, non-numbers and out-of-range settings', () => {
    expect(problems({ input: [[1, 2], [3]] })[0]!.field).toBe('config.input.1');
    expect(problems({ input: [[1, 'x']] })[0]!.field).toBe('config.input.0.1');
    expect(problems({ stride: 0 })[0]!.field).toBe('config.stride');
    expect(problems({ dilation: 5 })[0]!.field).toBe('config.dilation');
  });
});
