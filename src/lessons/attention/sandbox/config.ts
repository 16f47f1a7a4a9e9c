import { z } from 'zod';

/** Sandbox limits (issue 4): up to 16 tokens, d_k and d_v up to 16, split into up to 4 heads. */
export const ATTN_SANDBOX_LIMITS = { tokens: 16, dk: 16, dv: 16, heads: 4 } as const;

const finite = z.number({ error: 'must be a number' }).finite('must be a finite number');
const matrix = (what: string, maxWidth: number) =>
  z
    .array(z.array(finite).min(1).max(maxWidth, `${what} rows are at most ${maxWidth} wide`))
    .min(1, `${what} needs at least 1 row`)
    .max(ATTN_SANDBOX_LIMITS.tokens, `${what} has at most ${ATTN_SANDBOX_LIMITS.tokens} rows`);

/**
 * The attention sandbox: Q [T_q, d_k], K [T_k, d_k], V [T_k, d_v] typed by the user.
 * (Skeleton — the sandbox owner refines checks and defaults.)
 */
export const sandboxConfigSchema = z
  .object({
    mode: z.literal('sandbox'),
    tokens: z.array(z.string().max(16)).max(ATTN_SANDBOX_LIMITS.tokens).default([]),
    q: matrix('q', ATTN_SANDBOX_LIMITS.dk),
    k: matrix('k', ATTN_SANDBOX_LIMITS.dk),
    v: matrix('v', ATTN_SANDBOX_LIMITS.dv),
    mask: z.enum(['none', 'causal']).default('none'),
    scale: z.enum(['sqrt_dk', 'none']).default('sqrt_dk'),
    heads: z.number().int().min(1).max(ATTN_SANDBOX_LIMITS.heads).default(1),
  })
  .strict();

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
};
