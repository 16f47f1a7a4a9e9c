import type { ganDigitsEn } from './ganDigits.en';

/** GAN 课程“手写数字”视图的简体中文文本（挂在 `ganDigits` 下）。 */
export const ganDigitsZhCN: typeof ganDigitsEn = {
  lead: '一个在手写数字上训练的小生成器，就在你的网页里运行。',
  stage: '一个数字生成器，以及评判它的两个网络',
  about: '关于本页',
  intro:
    '生成器 G 把 8 个随机数 z 和你要求的数字变成一幅图。与它对抗训练的判别器 D 给图打分：它有多像真实的手写数字。卷积课程里的 CNN 从没见过 G，它告诉你它认出的是哪个数字。',
  pickDigit: '要画的数字',
  digit: '画数字 {{digit}}',
  reroll: '换一批样本',
  seed: '种子 {{seed}}',
  samples: '样本',
  samplesHint:
    '每个样本都是 G(z, 数字)，各自用一个随机的 z；下面是 D 的打分。选一个样本，可以放大查看并修改它的 z。',
  sample: '样本 {{n}}：D 的打分 {{score}}',
  selectedSample: '第 {{n}} 个样本（共 {{count}} 个）：G 画的数字 {{digit}}',
  selectedOwn: '你自己的 z（已离开样本）：G 画的数字 {{digit}}',
  selectedAlt: '所选 z 生成的数字 {{digit}}',
  dScore: 'D 的打分：{{score}}',
  legend: '墨迹',
  verdictPlain: 'D：{{score}}——D 认为它是真实手写数字的可能性。',
  verdictReal: 'D：{{score}}——在 D 看来像真的（真实数字平均 {{real}}，G 的数字平均 {{gen}}）。',
  verdictFake: 'D：{{score}}——在 D 看来像生成的（真实数字平均 {{real}}，G 的数字平均 {{gen}}）。',
  verdictUnsure:
    'D：{{score}}——但 D 几乎分不清真假（真实数字平均 {{real}}，G 的数字平均 {{gen}}），所以这个分数说明不了什么。',
  auc: '一真一假两个数字，D 有 {{auc}}% 的时候给真的打分更高。',
  cnnReads: 'CNN（卷积课程的网络）认作 {{digit}}（{{percent}}%）。',
  cnnReadsOther: 'CNN（卷积课程的网络）认作 {{digit}}（{{percent}}%），而不是要求的 {{asked}}。',
  flow: {
    name: '生成器 G 画出一个数字；D 给它打分，CNN 识别它',
    z: '8 个数',
    digit: '数字',
    g: '生成器',
    image: '图像',
    d: '判别器',
    score: 'D 的打分',
    cnn: '卷积课程',
    reading: 'CNN 识别',
  },
  latent: '潜在向量 z',
  latentHint:
    '数字决定画什么；z 决定怎么画：倾斜、粗细、宽窄。拖动其中一个数，看图像和 D 的打分如何变化。',
  zName: 'z{{i}}',
  zSlider: '潜在值 z{{i}}',
  zero: '把 z 设为 0',
  useFrom: '设为 A（起点）',
  useTo: '设为 B（终点）',
  walkShort: '从 A 走到 B',
  strip: '从 A 走到 B',
  stripHint:
    'G 在从 A 到 B 的直线上取点作画：z 和独热编码的数字一起按 (1 − t)·A + t·B 混合，所以一个数字可以渐渐变成另一个。',
  endA: 'A：{{digit}}',
  endB: 'B：{{digit}}',
  stripCount: '这段路上的图像数',
  stripImage: '第 {{k}} 步：t = {{t}}，D 的打分 {{score}}',
  current: '第 {{k}} 步：t = {{t}}，D 的打分 {{score}}',
  modelTitle: '模型',
  model:
    'G 有 {{gParams}} 个参数，D 有 {{dParams}} 个。MNIST CNN 把 G 画的数字中的 {{accuracy}}% 认作所要求的数字。',
};
