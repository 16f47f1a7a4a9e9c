/** Ready-made sandbox configs: the article's example and a few that each teach one thing. */
import { seededRandom } from '../../../core/random';
import type { SandboxConfig } from './config';
import { sandboxDefaults } from './config';

export const PRESETS = ['article', 'causal', 'heads', 'sharp', 'random'] as const;
export type PresetName = (typeof PRESETS)[number];

const ARTICLE_4 = [
  [0.1, 0.2, 0.3],
  [0.4, 0.5, 0.6],
  [0.7, 0.8, 0.9],
  [1, 1.1, 1.2],
];
const ONE_HOT_4 = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];
// Columns 0–1 (head 1) tell A from B; columns 2–3 (head 2) are the same for every token.
const TWO_HEADS = [
  [2, 0, 1, 0],
  [0, 2, 1, 0],
  [2, 0, 1, 0],
  [0, 2, 1, 0],
];
// Orthogonal rows (a Hadamard matrix): each token scores 8 with itself and 0 with the others.
const HADAMARD = [
  [1, 1, 1, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, -1, -1, -1, -1],
  [1, -1, 1, -1, 1, -1, 1, -1],
  [1, 1, -1, -1, 1, 1, -1, -1],
];

const copy = (m: number[][]) => m.map((r) => [...r]);

/** Seeded random matrices of the config's shapes: two-decimal values in [−1, 1]. */
export function randomConfig(config: SandboxConfig, seed: number): SandboxConfig {
  const rnd = seededRandom(seed);
  const fill = (m: number[][]) =>
    m.map((r) => r.map(() => Math.round((rnd() * 2 - 1) * 100) / 100));
  return {
    ...config,
    q: fill(config.q),
    k: fill(config.k),
    v: fill(config.v),
    preset: `random:${seed}`,
  };
}

/** The seed of a `random:SEED` preset name (1 otherwise). */
export function randomSeed(preset: string | undefined): number {
  const m = /^random:(\d+)$/.exec(preset ?? '');
  return m ? Number(m[1]) : 1;
}

/** The preset a config started from, as the menu shows it (`random:7` → random). */
export function presetOf(config: SandboxConfig): PresetName | null {
  const name = config.preset?.startsWith('random:') ? 'random' : config.preset;
  return (PRESETS as readonly string[]).includes(name ?? '') ? (name as PresetName) : null;
}

/** A preset's config; `random` keeps the current shapes and draws new numbers. */
export function presetConfig(name: PresetName, current: SandboxConfig, seed = 1): SandboxConfig {
  switch (name) {
    case 'article':
      return { ...sandboxDefaults };
    case 'causal':
      return {
        mode: 'sandbox',
        tokens: ['我', '爱', '你', '们'],
        q: copy(ARTICLE_4),
        k: copy(ARTICLE_4),
        v: copy(ARTICLE_4),
        mask: 'causal',
        scale: 'sqrt_dk',
        heads: 1,
        preset: 'causal',
      };
    case 'heads':
      return {
        mode: 'sandbox',
        tokens: ['A', 'B', 'A', 'B'],
        q: copy(TWO_HEADS),
        k: copy(TWO_HEADS),
        v: copy(ONE_HOT_4),
        mask: 'none',
        scale: 'sqrt_dk',
        heads: 2,
        preset: 'heads',
      };
    case 'sharp':
      return {
        mode: 'sandbox',
        tokens: ['a', 'b', 'c', 'd'],
        q: copy(HADAMARD),
        k: copy(HADAMARD),
        v: copy(ONE_HOT_4),
        mask: 'none',
        scale: 'none',
        heads: 1,
        preset: 'sharp',
      };
    case 'random':
      return randomConfig(current, seed);
  }
}
