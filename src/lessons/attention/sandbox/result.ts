/**
 * Embed API getResult for the attention sandbox, computed by onnxruntime-web (the graph of
 * src/runtime/graph/attention.ts built for this config):
 *
 *   { scores, scaled, masked, weights: number[][] [T_q][T_k],
 *     output: number[][] [T_q][d_v],
 *     heads?: { scores, scaled, masked, weights, output }[] }
 *
 * Masked entries of `masked` are −Infinity and their weights exactly 0. With one head the
 * four score matrices are that head's. With h > 1 heads, `heads[n]` holds head n's matrices
 * (its `output` is [T_q][d_v/h], columns n·d_v/h onwards of the full output); the top-level
 * scores … weights are then those of the first head, so a reader written for one head keeps
 * working, and `output` is always the heads' outputs concatenated.
 */
import { attentionGraph } from '../../../runtime/graph/attention';
import { runGraph } from '../../../store/runtime';
import type { SandboxConfig } from './config';
import { headMatrix, sandboxGraphInputs, sandboxGraphSpec } from './tensors';

export interface HeadResult {
  scores: number[][];
  scaled: number[][];
  masked: number[][];
  weights: number[][];
  output: number[][];
}
export interface SandboxResult extends HeadResult {
  heads?: HeadResult[];
}

export async function sandboxResult(config: SandboxConfig): Promise<SandboxResult> {
  const out = await runGraph(attentionGraph(sandboxGraphSpec(config)), sandboxGraphInputs(config));
  const head = (n: number): HeadResult => ({
    scores: headMatrix(out.scores!, n),
    scaled: headMatrix(out.scaled!, n),
    masked: headMatrix(out.masked!, n),
    weights: headMatrix(out.weights!, n),
    output: headMatrix(out.headOutput!, n),
  });
  const first = head(0);
  const output = headMatrix(out.output!);
  if (config.heads === 1) return { ...first, output };
  return {
    ...first,
    output,
    heads: Array.from({ length: config.heads }, (_, n) => head(n)),
  };
}
