import { z } from 'zod';
import { sandboxNumber } from '../../shared/numbers';

/** Sandbox limits (issue 4): up to 16 tokens, d_k and d_v up to 16, split into up to 4 heads. */
export const ATTN_SANDBOX_LIMITS = {
  tokens: 16,
  dk: 16,
  dv: 16,
  heads: 4,
  tokenLength: 16,
} as const;

const finite = sandboxNumber;
const matrix = (what: string, maxWidth: number) =>
  z
    .array(
      z
        .array(finite)
        .min(1, `${what} rows need at least 1 value`)
        .max(maxWidth, `${what} rows are at most ${maxWidth} wide`),
    )
    .min(1, `${what} needs at least 1 row`)
    .max(ATTN_SANDBOX_LIMITS.tokens, `${what} has at most ${ATTN_SANDBOX_LIMITS.tokens} rows`)
    .superRefine((rows, ctx) => {
      const width = rows[0]?.length ?? 0;
      rows.forEach((row, i) => {
        if (row.length !== width)
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `row ${i} has ${row.length} values; row 0 has ${width} (rows must be equally long)`,
          });
      });
    });

/**
 * The attention sandbox: Q [T_q, d_k], K [T_k, d_k], V [T_k, d_v] typed by the user, the mask,
 * the scaling, and the number of heads (which split d_k and d_v into equal column blocks).
 * `tokens` label the positions (query i and key j are both labelled tokens[i] / tokens[j]);
 * missing labels show the position number.
 */
export const sandboxConfigSchema = z
  .object({
    mode: z.literal('sandbox'),
    tokens: z
      .array(
        z
          .string()
          .max(
            ATTN_SANDBOX_LIMITS.tokenLength,
            `a token is at most ${ATTN_SANDBOX_LIMITS.tokenLength} characters`,
          ),
      )
      .max(ATTN_SANDBOX_LIMITS.tokens, `at most ${ATTN_SANDBOX_LIMITS.tokens} tokens`)
      .default([]),
    q: matrix('q', ATTN_SANDBOX_LIMITS.dk),
    k: matrix('k', ATTN_SANDBOX_LIMITS.dk),
    v: matrix('v', ATTN_SANDBOX_LIMITS.dv),
    mask: z.enum(['none', 'causal']).default('none'),
    scale: z.enum(['sqrt_dk', 'none']).default('sqrt_dk'),
    heads: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'at least 1 head')
      .max(ATTN_SANDBOX_LIMITS.heads, `at most ${ATTN_SANDBOX_LIMITS.heads} heads`)
      .default(1),
    /** Name of the preset this config started from (`random:SEED` for a seeded draw). */
    preset: z.string().max(40).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const dq = c.q[0]?.length ?? 0;
    const dk = c.k[0]?.length ?? 0;
    const dv = c.v[0]?.length ?? 0;
    if (dq !== dk)
      ctx.addIssue({
        code: 'custom',
        path: ['k'],
        message: `K has d_k = ${dk} columns but Q has d_k = ${dq}: queries and keys must have the same width`,
      });
    if (c.v.length !== c.k.length)
      ctx.addIssue({
        code: 'custom',
        path: ['v'],
        message: `V has ${c.v.length} rows but K has ${c.k.length}: one value row per key`,
      });
    if (c.mask === 'causal' && c.q.length !== c.k.length)
      ctx.addIssue({
        code: 'custom',
        path: ['mask'],
        message: `a causal mask needs as many queries as keys (T_q = ${c.q.length}, T_k = ${c.k.length})`,
      });
    if (dq === dk && (dk % c.heads !== 0 || dv % c.heads !== 0))
      ctx.addIssue({
        code: 'custom',
        path: ['heads'],
        message: `${c.heads} heads must divide d_k = ${dk} and d_v = ${dv}`,
      });
  });

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;

/** The article's example: 我 爱 你 with Q = K = V, scaled by √3. */
export const sandboxDefaults: SandboxConfig = {
  mode: 'sandbox',
  tokens: ['我', '爱', '你'],
  q: [
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
    [0.7, 0.8, 0.9],
  ],
  k: [
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
    [0.7, 0.8, 0.9],
  ],
  v: [
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
    [0.7, 0.8, 0.9],
  ],
  mask: 'none',
  scale: 'sqrt_dk',
  heads: 1,
  preset: 'article',
};
