import type { TourInput } from '../../../store/tour';

/** The Basics lesson's story: activations, losses, gradient descent, backpropagation, a playground. */
export const basicsTour: TourInput = {
  version: 1,
  title: { en: 'Basics: how a network learns', 'zh-CN': '基础：神经网络如何学习' },
  steps: [
    {
      lesson: 'basics',
      config: { mode: 'activations' },
      step: 0,
      caption: {
        en: 'A neuron adds up its weighted inputs, then bends the sum with an activation function.',
        'zh-CN': '神经元把加权输入相加，再用激活函数把和“弯”一下。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'losses' },
      step: 0,
      caption: {
        en: 'A loss says how far the predictions are from the targets: one number to make smaller.',
        'zh-CN': '损失函数衡量预测离目标有多远：一个要让它变小的数。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'descent' },
      step: 0,
      caption: {
        en: 'Gradient descent makes it smaller: step against the gradient, again and again.',
        'zh-CN': '梯度下降让它变小：沿梯度的反方向一步一步走。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'backprop' },
      step: 0,
      caption: {
        en: 'Backpropagation finds the gradient of every weight with the chain rule, layer by layer.',
        'zh-CN': '反向传播用链式法则逐层求出每个权重的梯度。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'playground' },
      step: 0,
      caption: {
        en: 'Put together, a small network learns to separate the data.',
        'zh-CN': '把这些放在一起，一个小网络就学会了把数据分开。',
      },
    },
  ],
};
