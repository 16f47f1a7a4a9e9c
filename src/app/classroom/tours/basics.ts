import type { TourInput } from '../../../store/tour';

const BCE_EXAMPLE = {
  mode: 'losses',
  loss: 'bce',
  target: [1, 0, 1, 0, 0],
  prediction: [0.9, 0.1, 0.8, 0.2, 0.3],
};

/**
 * The Basics lesson's story: a neuron's activation, a loss, gradient descent on a line, one
 * backpropagation step through the 3-2-1 network, then a network learning in the playground.
 * The numbers in the captions are the views' own (the widely copied examples, corrected).
 */
export const basicsTour: TourInput = {
  version: 1,
  title: { en: 'Basics: how a network learns', 'zh-CN': '基础：神经网络如何学习' },
  steps: [
    {
      lesson: 'basics',
      config: { mode: 'activations', fn: 'sigmoid' },
      step: 0,
      caption: {
        en: 'A neuron adds up its weighted inputs, then bends the sum with an activation: $\\sigma(1) = 0.7311$.',
        'zh-CN': '神经元把加权输入相加，再用激活函数把和“弯”一下：$\\sigma(1) = 0.7311$。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'activations', fn: 'sigmoid' },
      step: 3,
      caption: {
        en: 'Learning multiplies the slopes of every layer. A sigmoid’s slope is at most 0.25, so 8 layers leave $5.5 \\times 10^{-6}$: deep sigmoid stacks stop learning.',
        'zh-CN':
          '学习时要把每一层的斜率相乘。sigmoid 的斜率最多 0.25，8 层之后只剩 $5.5 \\times 10^{-6}$：很深的 sigmoid 网络学不动。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'activations', fn: 'relu' },
      step: 1,
      caption: {
        en: 'ReLU’s slope is 1 wherever the neuron is active: the gradient passes through unchanged.',
        'zh-CN': 'ReLU 在神经元激活的地方斜率为 1：梯度原样传过去。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'losses' },
      step: 0,
      caption: {
        en: 'A loss turns every miss into a number: here each sample’s squared error $(p - t)^2$.',
        'zh-CN': '损失函数把每一次偏差变成一个数：这里是每个样本的平方误差 $(p - t)^2$。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'losses' },
      step: 1,
      caption: {
        en: 'Their mean is the loss: 0.016. A widely copied example prints 0.06 for these very numbers.',
        'zh-CN': '它们的平均值就是损失：0.016。一篇广为转载的文章对同样的数字写的是 0.06。',
      },
    },
    {
      lesson: 'basics',
      config: BCE_EXAMPLE,
      step: 1,
      caption: {
        en: 'For probabilities, binary cross-entropy: $-\\tfrac{1}{5}\\sum (t \\log p + (1-t)\\log(1-p)) = 0.2027$ (the copied example prints 0.5607).',
        'zh-CN':
          '对于概率，用二元交叉熵：$-\\tfrac{1}{5}\\sum (t \\log p + (1-t)\\log(1-p)) = 0.2027$（转载的例子写成 0.5607）。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'descent' },
      step: 0,
      caption: {
        en: 'Gradient descent makes the loss smaller. Fit a line $\\hat y = w x + b$ to three points, starting from $w = b = 0$: $J = 41.5$.',
        'zh-CN':
          '梯度下降让损失变小。用直线 $\\hat y = w x + b$ 拟合三个点，从 $w = b = 0$ 出发：$J = 41.5$。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'descent' },
      step: 1,
      caption: {
        en: 'The gradient has one number per parameter: $\\nabla J = [-68, -15]$. One step against it at $\\alpha = 0.01$ gives $\\theta_1 = [0.68, 0.15]$.',
        'zh-CN':
          '梯度对每个参数各有一个数：$\\nabla J = [-68, -15]$。以 $\\alpha = 0.01$ 沿反方向走一步，得到 $\\theta_1 = [0.68, 0.15]$。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'descent', lr: 0.04 },
      step: 10,
      caption: {
        en: 'Too large a learning rate and every step overshoots: the loss grows instead of shrinking.',
        'zh-CN': '学习率太大，每一步都会冲过头：损失不降反升。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'backprop' },
      step: 2,
      caption: {
        en: 'Backpropagation, on a 3-2-1 network with every weight 1: forward, the hidden neurons give 7 and 7, the output 15.',
        'zh-CN':
          '反向传播，用一个所有权重都是 1 的 3-2-1 网络：前向计算，隐藏神经元得到 7 和 7，输出 15。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'backprop' },
      step: 3,
      caption: {
        en: 'The target is 1, so the loss is $(15 - 1)^2 = 196$.',
        'zh-CN': '目标是 1，所以损失是 $(15 - 1)^2 = 196$。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'backprop' },
      step: 4,
      caption: {
        en: 'Backward: the output’s $\\delta = \\partial L / \\partial z = 2(15 - 1) = 28$.',
        'zh-CN': '反向：输出神经元的 $\\delta = \\partial L / \\partial z = 2(15 - 1) = 28$。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'backprop' },
      step: 5,
      caption: {
        en: 'Each weight’s gradient is $\\delta$ times what flows in along it: $28 \\cdot 7 = 196$. Check every product by hand.',
        'zh-CN':
          '每个权重的梯度是 $\\delta$ 乘以沿这条边流入的值：$28 \\cdot 7 = 196$。每个乘积都可以手算验证。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'backprop' },
      step: 18,
      caption: {
        en: 'Then every weight moves against its gradient: $w \\leftarrow w - \\eta \\, \\partial L / \\partial w$.',
        'zh-CN':
          '然后每个权重都沿梯度的反方向移动：$w \\leftarrow w - \\eta \\, \\partial L / \\partial w$。',
      },
    },
    {
      lesson: 'basics',
      config: { mode: 'playground' },
      step: 0,
      caption: {
        en: 'Put together, and repeated thousands of times: a small network learns to separate the data. Press play.',
        'zh-CN': '把这些放在一起，重复几千次：一个小网络就学会了把数据分开。按播放键试试。',
      },
    },
  ],
};
