import type { ganDigitsEn } from './ganDigits.en';

/** GAN 手写数字视图的简体中文文本（挂在 `ganDigits` 下）。 */
export const ganDigitsZhCN: typeof ganDigitsEn = {
  lead: '一个在手写数字上训练的小型生成器，在你的网页里运行。',
  intro:
    '生成器 G 把 8 个随机数 z 和你想要的数字变成一张图片。与它对抗训练的判别器 D 给出这张图片是真实手写数字的可能性。',
  pickDigit: '要画的数字',
  digit: '画数字 {{digit}}',
  reroll: '换一批样本',
  seed: '种子 {{seed}}',
  samples: '样本',
  samplesHint:
    '每张图片都是 G(z, 数字)，各用自己的随机 z。下方的 p(真) 是 D 认为它是真实手写数字的概率。选一张即可编辑它的 z。',
  sample: '样本 {{n}}：D 认为是真的概率 p = {{score}}',
  pReal: 'p(真) {{score}}',
  selected: '选中的数字',
  selectedAlt: '选中的 z 生成的数字',
  verdict: 'D：是真的概率 p = {{score}}',
  reads: 'D 的分类器认为它是 {{digit}}（{{percent}}%）',
  latent: '潜在向量 z',
  latentHint:
    '数字决定画什么，z 决定怎么画：倾斜、粗细、宽窄。拖动一个数，看图片和 D 的判断如何变化。',
  zName: 'z{{i}}',
  zSlider: '潜在值 z{{i}}',
  zero: '把 z 设为 0',
  useFrom: '设为 A（起点）',
  useTo: '设为 B（终点）',
  strip: '从 A 走到 B',
  stripHint:
    'G 画出从 A 到 B 的直线上的各点：z 和独热编码的数字都按 (1 − t)·A + t·B 混合，所以一个数字可以渐变成另一个。',
  endA: 'A：{{digit}}',
  endB: 'B：{{digit}}',
  stripCount: '路径上的图片数',
  stripImage: '第 {{k}} 步：t = {{t}}，D 认为是真的概率 p = {{score}}',
  current: 't = {{t}} · p(真) = {{score}}',
  model:
    'G 有 {{gParams}} 个参数，D 有 {{dParams}} 个。MNIST CNN 把 G 画的数字中 {{accuracy}}% 认作所要求的数字。',
};
