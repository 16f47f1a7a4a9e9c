import type { activationsEn } from './activations.en';

/** Simplified Chinese strings of the Basics lesson's activations view (same keys as English). */
export const activationsZhCN: typeof activationsEn = {
  stage: '激活函数：曲线、斜率，以及为什么很深的 sigmoid 网络学不动',
  about: '关于本视图',
  lead: '神经元先把输入加起来：z = w·a + b，再用激活函数把和“弯”一下：a = f(z)。没有这一弯，多少层叠起来都只是一条直线。反向传播在每一层都要乘上斜率 f′(z)，所以斜率决定了下面的层能学得多好。',
  fnPicker: '激活函数',
  fn: {
    sigmoid: 'Sigmoid',
    tanh: 'Tanh',
    relu: 'ReLU',
    leaky_relu: 'LeakyReLU',
    gelu: 'GELU',
    softplus: 'Softplus',
    linear: '线性',
  },
  alpha: 'x < 0 时的斜率 α',
  probe: '读取 x',
  probeHint: '把鼠标移到图上、输入一个 x 或拖动滑块，读出 f(x) 和 f′(x)。',
  step: {
    curve: '曲线 f(x)',
    slope: '斜率 f′(x)',
    softmax: '带温度的 softmax',
    depth: '斜率随深度相乘',
  },
  caption: {
    curve:
      '点：你的取值点 x 和 f(x)。把鼠标移到图上或输入一个 x，即可在上方工具栏读出该处的 f 和 f′。虚线：斜率。',
    slope:
      '斜率就是反向传播要乘的数。斜率接近 0 的地方，神经元几乎传不回梯度：要么饱和（sigmoid、tanh 远离 0 处），要么“死亡”（ReLU 在 x < 0 处）。',
    softmax:
      'softmax 把一组分数变成和为 1 的概率。除以温度 T < 1 会让概率更集中于最大的分数；T > 1 会让它们趋于相等。',
    depth:
      '把这个函数叠 {{depth}} 层（权重为 1，偏置为 0）。由链式法则，传到输入的梯度是每层斜率的乘积。sigmoid 的斜率最大只有 ¼，每过一层梯度至少缩小为四分之一：很深的 sigmoid 网络因此学不动。图的纵轴是对数刻度：−3 表示千分之一。',
  },
  flow: {
    label: '概览：x 经过激活函数；它的斜率、softmax 和深层堆叠',
    x: 'x',
    f: 'f(x)',
    slope: 'f′(x)',
    logits: '分数',
    softmax: 'softmax',
    stack: 'f ∘ f ∘ … ∘ f',
  },
  chart: {
    curveTitle: '{{fn}}：f(x) 及其斜率 f′(x)',
    x: 'x',
    y: 'f(x)、f′(x)',
    value: 'f(x)',
    slope: 'f′(x)',
    depthTitle: '经过 k 层后传到输入的梯度（从 x = {{x}} 出发）',
    depthX: '层数 k',
    depthY: 'log₁₀ |∂aₖ/∂x|',
    softmaxTitle: 'softmax(分数 / T)，T = {{t}}',
    logitsTitle: '分数',
    softmaxBar: '第 {{i}} 类：概率 {{v}}',
    logitBar: '第 {{i}} 类：分数 {{v}}',
  },
  inputs: '输入',
  xs: '取值点 x（嵌入 API 的 xs）',
  xsInvalid: '“{{text}}”不是一列数字：保留上一次有效的列表。',
  table: '每个 x 处的 f 和 f′',
  tableX: 'x',
  logits: '分数（logits）',
  temperature: '温度 T',
  depth: '层数',
  rejected: '未应用——{{detail}}',
};
