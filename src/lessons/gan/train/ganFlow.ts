/**
 * The GAN as a graph, the overview on the stage: noise z → G → fakes G(z); real samples x;
 * both → D → L_D and L_G; gradients (dashed) flowing back from L_D to D and from L_G through
 * D to G. Each step of the walk lights the parts it passes.
 */
import type { FlowEdge, FlowNode } from '../../../viz/FlowDiagram';
import type { TrainSubstep } from './lessonParts';

export type GanPart = 'z' | 'G' | 'fake' | 'real' | 'D' | 'lossD' | 'lossG';

export function ganNodes(labels: {
  z: string;
  G: string;
  fake: string;
  real: string;
  D: string;
  lossD: string;
  lossG: string;
}): FlowNode[] {
  return [
    { id: 'z', label: 'z ~ N(0, I)', sub: labels.z, col: 0, row: 0, kind: 'data' },
    { id: 'G', label: 'G', sub: labels.G, col: 1, row: 0, kind: 'net' },
    { id: 'fake', label: 'G(z)', sub: labels.fake, col: 2, row: 0, kind: 'data' },
    { id: 'real', label: 'x', sub: labels.real, col: 2, row: 1, kind: 'data' },
    { id: 'D', label: 'D', sub: labels.D, col: 3, row: 0, kind: 'net' },
    { id: 'lossD', label: 'L_D', sub: labels.lossD, col: 4, row: 0, kind: 'loss' },
    { id: 'lossG', label: 'L_G', sub: labels.lossG, col: 4, row: 1, kind: 'loss' },
  ];
}

export const GAN_EDGES: FlowEdge[] = [
  { from: 'z', to: 'G' },
  { from: 'G', to: 'fake' },
  { from: 'fake', to: 'D' },
  { from: 'real', to: 'D' },
  { from: 'D', to: 'lossD' },
  { from: 'D', to: 'lossG' },
  { from: 'lossD', to: 'D', kind: 'backward' },
  { from: 'lossG', to: 'G', kind: 'backward' },
];

const FORWARD_G = ['z', 'z>G', 'G', 'G>fake', 'fake'];

/** What each step of the walk lights, and its "you are here" box. */
export const WALK_LIT: Record<TrainSubstep, { current: GanPart; lit: string[] }> = {
  sampleReal: { current: 'real', lit: ['real'] },
  sampleNoise: { current: 'z', lit: ['z'] },
  generate: { current: 'fake', lit: FORWARD_G },
  discriminate: { current: 'D', lit: ['real', 'fake', 'real>D', 'fake>D', 'D'] },
  lossD: { current: 'lossD', lit: ['D', 'D>lossD', 'lossD'] },
  updateD: { current: 'D', lit: ['lossD', 'lossD>D', 'D'] },
  lossG: { current: 'lossG', lit: [...FORWARD_G, 'fake>D', 'D', 'D>lossG', 'lossG'] },
  updateG: { current: 'G', lit: ['lossG', 'lossG>G', 'D', 'G'] },
};

/** While training plays, the whole graph runs: every box and edge lit. */
export const ALL_LIT: string[] = [
  'z',
  'G',
  'fake',
  'real',
  'D',
  'lossD',
  'lossG',
  ...GAN_EDGES.map((e) => `${e.from}>${e.to}`),
];
