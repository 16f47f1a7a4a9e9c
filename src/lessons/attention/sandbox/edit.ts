/**
 * Edits of the sandbox's Q, K and V as pure functions of the config. Every edit keeps the
 * shapes attention needs where it can — Q and K share d_k, K and V share T_k, and with a
 * causal mask T_q = T_k — padding new rows and columns with zeros; anything it cannot keep
 * is left to the schema, which names the field and keeps the last good config.
 */
import type { SandboxConfig } from './config';

export type MatrixName = 'q' | 'k' | 'v';
export type SizeName = 'tq' | 'tk' | 'dk' | 'dv';

/** A matrix cut or zero-padded to rows × cols. */
export function resized(m: readonly (readonly number[])[], rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => m[r]?.[c] ?? 0),
  );
}

const dims = (m: number[][]) => [m.length, m[0]?.length ?? 0] as const;

/** Pads Q, K, V so that d_k, T_k (and T_q = T_k when causal) agree, growing to the larger. */
export function harmonise(config: SandboxConfig): SandboxConfig {
  const [tq0, dq] = dims(config.q);
  const [tk0, dk0] = dims(config.k);
  const [tv, dv] = dims(config.v);
  const dk = Math.max(dq, dk0);
  let tk = Math.max(tk0, tv);
  let tq = tq0;
  if (config.mask === 'causal') tq = tk = Math.max(tq, tk);
  return {
    ...config,
    q: resized(config.q, tq, dk),
    k: resized(config.k, tk, dk),
    v: resized(config.v, tk, dv),
  };
}

/** One cell of Q, K or V. */
export function setCell(
  config: SandboxConfig,
  which: MatrixName,
  row: number,
  col: number,
  value: number,
): SandboxConfig {
  const m = config[which].map((r, i) => (i === row ? r.map((x, j) => (j === col ? value : x)) : r));
  return { ...config, [which]: m, preset: undefined };
}

/** A pasted block written with its top-left corner at (row, col), growing the matrix to fit. */
export function pasteBlock(
  config: SandboxConfig,
  which: MatrixName,
  row: number,
  col: number,
  block: number[][],
): SandboxConfig {
  const old = config[which];
  const width = Math.max(...block.map((r) => r.length));
  const m = resized(
    old,
    Math.max(old.length, row + block.length),
    Math.max(old[0]!.length, col + width),
  );
  block.forEach((r, i) => r.forEach((v, j) => (m[row + i]![col + j] = v)));
  return harmonise({ ...config, [which]: m, preset: undefined });
}

/** Changes one size: T_q (rows of Q), T_k (rows of K and V), d_k (columns of Q and K), d_v. */
export function resize(config: SandboxConfig, size: SizeName, n: number): SandboxConfig {
  const [tq, dk] = dims(config.q);
  const [tk] = dims(config.k);
  const [, dv] = dims(config.v);
  const causal = config.mask === 'causal';
  const next = { tq, tk, dk, dv, [size]: n };
  if (causal && (size === 'tq' || size === 'tk')) next.tq = next.tk = n;
  return {
    ...config,
    q: resized(config.q, next.tq, next.dk),
    k: resized(config.k, next.tk, next.dk),
    v: resized(config.v, next.tk, next.dv),
    preset: undefined,
  };
}

/** Tokens typed as one line: split on spaces (so 我 爱 你 and "the cat sat" both work). */
export function parseTokens(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The label of position i: its token, or its 1-based number when there is none. */
export function tokenLabel(tokens: readonly string[], i: number): string {
  return tokens[i] || String(i + 1);
}
