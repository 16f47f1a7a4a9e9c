/**
 * The model view's numbers for the export dialog (CSV / JSON): its matrices are drawn on
 * canvases, so they are registered here instead of read from table cells. Built from the
 * run only when the user exports; the same slices the view draws (`sliceOutput`).
 */
import { headOutput, layerOutput } from '../../../runtime/transformer';
import { toCsv, type ExportData } from '../../../store/exports';
import type { SamplingConfig } from './config';
import { nextLogits, nextTop, rowOf, sliceOutput, type Matrix, type TransformerRun } from './run';
import type { ModelStepId } from './steps';

/** The named outputs a step draws, and whether each is an n × n attention matrix. */
export function stepOutputs(
  step: ModelStepId,
  layer: number,
  head: number,
): { name: string; square: boolean }[] {
  const h = (kind: Parameters<typeof headOutput>[2]) => ({
    name: headOutput(layer, head, kind),
    square: ['scores', 'scaled', 'masked', 'weights'].includes(kind),
  });
  const l = (kind: Parameters<typeof layerOutput>[1]) => ({
    name: layerOutput(layer, kind),
    square: false,
  });
  const tok = (name: string) => ({ name, square: false });
  switch (step) {
    case 'tokens':
    case 'next':
      return [];
    case 'embed':
      return [tok('tok_emb'), tok('pos_emb'), tok('embed')];
    case 'qkv':
      return [h('q'), h('k'), h('v')];
    case 'scores':
      return [h('q'), h('k'), h('scores')];
    case 'scaled':
      return [h('scores'), h('scaled')];
    case 'masked':
      return [h('scaled'), h('masked')];
    case 'weights':
      return [h('masked'), h('weights')];
    case 'out':
      return [h('weights'), h('v'), h('out')];
    case 'concat':
      return [l('concat')];
    case 'proj':
      return [l('concat'), l('proj')];
    case 'norm1':
      return [l('resid1'), l('norm1')];
    case 'mlp':
      return [l('mlp_hidden'), l('mlp_out')];
    case 'norm2':
      return [l('resid2'), l('norm2')];
    case 'logits':
      return [tok('logits')];
  }
}

const rows = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => rowOf(m, i));
/** JSON has no −∞ (masked scores): written as the string "-Infinity". */
const jsonRows = (m: Matrix) =>
  rows(m).map((r) => r.map((v) => (Number.isFinite(v) ? v : String(v))));

/** The selected head's attention weights, [n, n] (rows: queries, columns: keys). */
export function weightsExport(run: TransformerRun, layer: number, head: number): ExportData {
  const m = sliceOutput(run, headOutput(layer, head, 'weights'), true);
  return {
    json: {
      model: run.model,
      layer,
      head,
      tokens: run.chars,
      shape: [m.rows, m.cols],
      values: rows(m),
    },
    csv: toCsv(rows(m)),
  };
}

/** Every matrix the current step draws, by output name; the CSV holds the last (the result). */
export function stepExport(
  run: TransformerRun,
  step: ModelStepId,
  layer: number,
  head: number,
): ExportData {
  const outputs = stepOutputs(step, layer, head).filter((o) => run.outputs[o.name]);
  const matrices = outputs.map((o) => ({ name: o.name, m: sliceOutput(run, o.name, o.square) }));
  const last = matrices[matrices.length - 1];
  return {
    json: {
      model: run.model,
      step,
      layer,
      head,
      tokens: run.chars,
      matrices: Object.fromEntries(
        matrices.map(({ name, m }) => [name, { shape: [m.rows, m.cols], values: jsonRows(m) }]),
      ),
    },
    csv: last ? toCsv(rows(last.m)) : '',
  };
}

/** The next-token distribution over the whole vocabulary (after sampling filters), with logits. */
export function nextExport(run: TransformerRun, sampling: SamplingConfig): ExportData {
  const { probs } = nextTop(run, sampling);
  const logits = Array.from(nextLogits(run));
  const labels = run.spec.vocab.slice(0, probs.length);
  const values = Array.from(probs);
  return {
    json: { model: run.model, sampling, shape: [values.length], labels, values, logits },
    csv: toCsv(
      values.map((p, i) => [labels[i] ?? String(i), p, logits[i]]),
      ['token', 'probability', 'logit'],
    ),
  };
}
