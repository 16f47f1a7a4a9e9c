import type { TourInput } from '../../../store/tour';

/** The GAN lesson's story: the two losses, the 2-D game, then a generator of digits. */
export const ganTour: TourInput = {
  version: 1,
  title: { en: 'GANs: a game of two networks', 'zh-CN': 'GAN：两个网络的博弈' },
  steps: [
    {
      lesson: 'gan',
      config: { mode: 'losses', dReal: [0.9], dFake: [0.1] },
      step: 0,
      caption: {
        en: 'The discriminator D says how real a sample looks: 0.9 for a real one…',
        'zh-CN': '判别器 D 判断样本有多像真的：真实样本给 0.9……',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'losses', dReal: [0.9], dFake: [0.1] },
      step: 1,
      caption: {
        en: '…and 0.1 for one the generator made.',
        'zh-CN': '……生成器造的样本给 0.1。',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'losses', dReal: [0.9], dFake: [0.1] },
      step: 2,
      caption: {
        en: 'D’s loss is small when it is right about both: $L_D = -\\log 0.9 - \\log(1 - 0.1) \\approx 0.21$ here.',
        'zh-CN':
          '两者都判断对时，D 的损失很小：这里 $L_D = -\\log 0.9 - \\log(1 - 0.1) \\approx 0.21$。',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'losses', dReal: [0.9], dFake: [0.1] },
      step: 3,
      caption: {
        en: 'G’s loss is large, $L_G = -\\log 0.1 \\approx 2.30$: it wants D to be fooled.',
        'zh-CN': 'G 的损失很大，$L_G = -\\log 0.1 \\approx 2.30$：它想骗过 D。',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'losses', dReal: [0.9], dFake: [0.1], loss: 'minimax' },
      step: 4,
      caption: {
        en: 'With the original minimax loss, G’s gradient vanishes when D wins easily.',
        'zh-CN': '用原始的 minimax 损失时，D 轻松获胜会让 G 的梯度消失。',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'train', slowMotion: true },
      step: 0,
      caption: {
        en: 'Now the game in 2-D: real points on a ring, G’s points start as a blob. The graph above shows who feeds whom.',
        'zh-CN':
          '再看二维中的博弈：真实点分布在圆环上，G 的点起初聚成一团。上方的图显示谁把数据交给谁。',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'train', slowMotion: true },
      step: 3,
      caption: {
        en: 'One iteration, step by step: first D scores a real and a generated batch (lit in the graph)…',
        'zh-CN': '逐步走完一次迭代：先由 D 给一批真实样本和一批生成样本打分（图中亮起的部分）……',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'train', slowMotion: true },
      step: 6,
      caption: {
        en: '…then G’s loss flows back through D: the arrows show where each fake is pushed, toward where D says “real”.',
        'zh-CN':
          '……然后 G 的损失穿过 D 反向传播：箭头显示每个假样本被推向哪里——推向 D 认为“真实”的地方。',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'digits' },
      step: 0,
      caption: {
        en: 'A trained generator makes digits from 8 random numbers, $z$; D scores them and the CNN reads them.',
        'zh-CN': '训练好的生成器从 8 个随机数 $z$ 生成数字；D 给它们打分，CNN 识别它们。',
      },
    },
    {
      lesson: 'gan',
      config: { mode: 'digits' },
      step: 7,
      caption: {
        en: 'Walking from A to B mixes z and the digit asked for: a 7 turns into a 0.',
        'zh-CN': '从 A 走到 B，z 和所要求的数字一起混合：7 渐渐变成 0。',
      },
    },
  ],
};
