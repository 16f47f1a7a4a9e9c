import type { TourInput } from '../../../store/tour';

const text = 'The quick brown fox';

/** The Attention lesson's story: one forward pass of a small transformer, then your own Q, K, V. */
export const attentionTour: TourInput = {
  version: 1,
  title: { en: 'Attention, step by step', 'zh-CN': '注意力机制，一步一步看' },
  steps: [
    {
      lesson: 'attention',
      config: { mode: 'model', text },
      step: 0,
      caption: {
        en: 'The text is split into tokens: here, one per character.',
        'zh-CN': '文本被切分成词元：这里每个字符一个。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'model', text },
      step: 2,
      caption: {
        en: 'Each token’s vector is multiplied into a query, a key and a value.',
        'zh-CN': '每个词元的向量分别乘出查询（Q）、键（K）和值（V）。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'model', text },
      step: 3,
      caption: {
        en: 'Scores: every query dotted with every key, $QK^\\top$.',
        'zh-CN': '分数：每个查询与每个键做点积，$QK^\\top$。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'model', text },
      step: 5,
      caption: {
        en: 'Scaled by $\\sqrt{d_k}$, then masked: a token may not look at the tokens after it.',
        'zh-CN': '除以 $\\sqrt{d_k}$ 缩放，再加掩码：一个词元不能看它后面的词元。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'model', text },
      step: 6,
      caption: {
        en: 'Softmax turns each row into weights that add up to 1.',
        'zh-CN': 'Softmax 把每一行变成加起来为 1 的权重。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'model', text },
      step: 7,
      caption: {
        en: 'Each output is the weighted average of the values.',
        'zh-CN': '每个输出是值向量的加权平均。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'model', text, head: 1 },
      step: 6,
      caption: {
        en: 'Another head attends to different things.',
        'zh-CN': '另一个注意力头关注的内容不同。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'model', text },
      step: 14,
      caption: {
        en: 'At the end, the model predicts the next character.',
        'zh-CN': '最后，模型预测下一个字符。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'sandbox' },
      step: 0,
      caption: {
        en: 'Now your own Q, K and V: 我 爱 你, three tokens of three numbers.',
        'zh-CN': '现在自己设定 Q、K、V：我 爱 你，三个词元，各三个数。',
      },
    },
    {
      lesson: 'attention',
      config: { mode: 'sandbox', mask: 'causal' },
      step: 3,
      caption: {
        en: 'With a causal mask, the upper triangle becomes $-\\infty$ and its weights exactly 0.',
        'zh-CN': '加上因果掩码，上三角变成 $-\\infty$，对应的权重正好为 0。',
      },
    },
  ],
};
