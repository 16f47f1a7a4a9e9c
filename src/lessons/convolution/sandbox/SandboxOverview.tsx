/**
 * The sandbox's overview ("you are here"): input ⊛ kernel → activation → pooling → output,
 * the stage the figure shows filled in. Its boxes choose what the figure shows.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { LEAKY_RELU_SLOPE } from '../../../core/conv';
import { FlowDiagram, type FlowEdge, type FlowNode } from '../../../viz/FlowDiagram';
import type { SandboxConfig } from '../config';
import type { SandboxModel } from './derive';
import type { SandboxFocus } from './SandboxFigure';

function SandboxOverviewBody({
  config,
  model,
  focus,
  onSelect,
}: {
  config: SandboxConfig;
  model: SandboxModel;
  focus: SandboxFocus;
  onSelect: (focus: SandboxFocus) => void;
}) {
  const { t } = useTranslation();
  const [cin, h, w] = model.tensors.input.dims as [number, number, number];
  const [cout, , kH, kW] = model.tensors.kernel.dims as [number, number, number, number];
  const [ho, wo] = model.outSize;
  const { stride: s, padding: p, dilation: d } = model.params;
  const nodes: FlowNode[] = [
    {
      id: 'input',
      label: t('sandbox.flow.input'),
      sub: `${cin}×${h}×${w}`,
      col: 0,
      row: 0,
      kind: 'data',
    },
    {
      id: 'conv',
      label: config.transposed ? t('sandbox.flow.transposed') : t('sandbox.flow.conv'),
      sub: `${kH}×${kW} · s${s} p${p} d${d}`,
      name: t('sandbox.flow.convName', { kH, kW, s, p, d }),
      col: 1,
      row: 0,
      span: 1,
      kind: 'op',
    },
  ];
  let col = 2;
  if (config.activation !== 'none') {
    nodes.push({
      id: 'act',
      label: t(`sandbox.activations.${config.activation}`, { slope: LEAKY_RELU_SLOPE }),
      sub: t('sandbox.flow.activation'),
      col: col++,
      row: 0,
      kind: 'op',
    });
  }
  if (config.pool !== 'none') {
    nodes.push({
      id: 'pool',
      label: t(`sandbox.flow.pool.${config.pool}`),
      sub: `${config.poolSize}×${config.poolSize} · s${config.poolStride}`,
      col: col++,
      row: 0,
      kind: 'op',
    });
  }
  const shape = model.pool
    ? (model.pool.output.dims as number[])
    : ho >= 1 && wo >= 1
      ? [cout, ho, wo]
      : null;
  nodes.push({
    id: 'output',
    label: t('sandbox.flow.output'),
    sub: shape ? shape.join('×') : t('sandbox.flow.none'),
    col,
    row: 0,
    kind: 'data',
  });
  const edges: FlowEdge[] = nodes.slice(1).map((n, i) => ({ from: nodes[i]!.id, to: n.id }));
  const into = edges.find((e) => e.to === focus);
  const canSelect = (id: string) =>
    model.conv !== null && (id === 'conv' || id === 'act' || id === 'pool');

  return (
    <FlowDiagram
      nodes={nodes}
      edges={edges}
      current={focus}
      lit={into ? [into.from, `${into.from}>${into.to}`] : []}
      onSelect={(id) => canSelect(id) && onSelect(id as SandboxFocus)}
      selectable={canSelect}
      label={t('sandbox.flow.label')}
      testIdPrefix="conv.sandbox.flow"
      cell={{ w: 128, h: 54 }}
    />
  );
}

/** Memoised: stepping the animation does not redraw it. */
export const SandboxOverview = memo(SandboxOverviewBody);
