import type { TourInput } from '../../../store/tour';

/** The Convolution lesson's story: a digit through the CNN, one unit up close, then your own. */
export const convolutionTour: TourInput = {
  version: 1,
  title: { en: 'Convolution, layer by layer', 'zh-CN': '卷积，一层一层看' },
  steps: [
    {
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 7 } },
      step: 0,
      caption: {
        en: 'A handwritten 7 goes in: 28×28 grey pixels, each a number between 0 and 1.',
        'zh-CN': '输入一个手写的 7：28×28 个灰度像素，每个都是 0 到 1 之间的数。',
      },
    },
    {
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 7 } },
      step: 1,
      caption: {
        en: 'Convolution 1: eight 3×3 kernels slide over the image; each makes one feature map.',
        'zh-CN': '卷积层 1：八个 3×3 卷积核在图像上滑动，每个生成一张特征图。',
      },
    },
    {
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 7 } },
      step: 2,
      caption: {
        en: 'ReLU keeps the positive responses and sets the negative ones to zero.',
        'zh-CN': 'ReLU 保留正的响应，把负的置为零。',
      },
    },
    {
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 7 } },
      step: 3,
      caption: {
        en: 'Max pooling keeps the largest value of each 2×2 block: the maps shrink to 14×14.',
        'zh-CN': '最大池化保留每个 2×2 块中的最大值：特征图缩小到 14×14。',
      },
    },
    {
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 7 } },
      step: 4,
      caption: {
        en: 'Convolution 2 combines all eight maps into sixteen new ones: strokes become parts.',
        'zh-CN': '卷积层 2 把八张特征图组合成十六张新的：笔画组合成部件。',
      },
    },
    {
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 7 } },
      step: 6,
      caption: {
        en: 'After a second ReLU and pooling, sixteen 7×7 maps describe the digit.',
        'zh-CN': '经过第二次 ReLU 和池化后，十六张 7×7 的特征图描述了这个数字。',
      },
    },
    {
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 7 } },
      step: 7,
      caption: {
        en: 'A dense layer turns them into ten scores (logits), one per digit.',
        'zh-CN': '全连接层把它们变成十个分数（logits），每个数字一个。',
      },
    },
    {
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 7 } },
      step: 8,
      caption: {
        en: 'Softmax turns the scores into probabilities that add up to 1. The 7 wins.',
        'zh-CN': 'Softmax 把分数变成加起来为 1 的概率。7 胜出。',
      },
    },
    {
      lesson: 'convolution',
      config: {
        mode: 'model',
        digit: { sample: 7 },
        unit: { layer: 'conv1', channel: 0, y: 10, x: 14 },
      },
      step: 0,
      caption: {
        en: 'One unit up close: the 3×3 window of pixels it reads and the kernel’s weights.',
        'zh-CN': '近看一个单元：它读取的 3×3 像素窗口和卷积核的权重。',
      },
    },
    {
      lesson: 'convolution',
      config: {
        mode: 'model',
        digit: { sample: 7 },
        unit: { layer: 'conv1', channel: 0, y: 10, x: 14 },
      },
      step: 10,
      caption: {
        en: 'Nine products, summed, plus the bias — $\\sum w\\cdot x + b$ — exactly the number on the feature map.',
        'zh-CN': '九个乘积相加，再加上偏置（$\\sum w\\cdot x + b$），正是特征图上的那个数。',
      },
    },
    {
      lesson: 'convolution',
      config: { mode: 'sandbox' },
      step: 0,
      caption: {
        en: 'Now your own: a 3×3 input and a 3×3 kernel. Nine products, summed: $\\sum w\\cdot x = 1\\cdot 2 + 2\\cdot 4 + 3\\cdot 6 + 4\\cdot 8 = 60$ (the other five weights are 0).',
        'zh-CN':
          '现在自己动手：3×3 的输入和 3×3 的卷积核。九个乘积相加：$\\sum w\\cdot x = 1\\cdot 2 + 2\\cdot 4 + 3\\cdot 6 + 4\\cdot 8 = 60$（其余五个权重为 0）。',
      },
    },
    {
      lesson: 'convolution',
      config: {
        mode: 'sandbox',
        input: [
          [1, 2, 3, 4, 5],
          [6, 7, 8, 9, 10],
          [11, 12, 13, 14, 15],
          [16, 17, 18, 19, 20],
          [21, 22, 23, 24, 25],
        ],
        kernel: [
          [1, 0, -1],
          [1, 0, -1],
          [1, 0, -1],
        ],
        stride: 2,
        padding: 1,
        preset: 'tour',
      },
      step: 3,
      caption: {
        en: 'Stride 2 with padding 1: the window jumps two cells, so a 5×5 input gives 3×3: $\\lfloor (5 + 2\\cdot 1 - 3)/2 \\rfloor + 1 = 3$.',
        'zh-CN':
          '步幅 2、填充 1：窗口每次跳两格，所以 5×5 的输入得到 3×3 的输出：$\\lfloor (5 + 2\\cdot 1 - 3)/2 \\rfloor + 1 = 3$。',
      },
    },
    {
      lesson: 'convolution',
      config: {
        mode: 'sandbox',
        input: [
          [1, 2],
          [3, 4],
        ],
        kernel: [
          [1, 1],
          [1, 1],
        ],
        transposed: true,
        preset: 'tour',
      },
      step: 4,
      caption: {
        en: 'Transposed convolution runs the other way: each input cell spreads over the output, so 2×2 grows to $(2-1)\\cdot 1 + (2-1) + 1 = 3$ rows and columns.',
        'zh-CN':
          '转置卷积反过来：每个输入格把值分散到输出上，所以 2×2 变大为 $(2-1)\\cdot 1 + (2-1) + 1 = 3$ 行 3 列。',
      },
    },
  ],
};
