import type { descentEn } from './descent.en';

/** Simplified Chinese strings of the Basics lesson's descent view (same keys as English). */
export const descentZhCN: typeof descentEn = {
  stage: '梯度下降：一步一步拟合一条直线',
  about: '这里在做什么',
  lead: '用直线 ŷ = w·x + b 拟合这些点。损失 J(w, b) 衡量直线偏离这些点有多远；它的梯度 ∇J = [∂J/∂w, ∂J/∂b] 指向上坡方向，所以每一步都让 θ = [w, b] 朝相反方向走一小步：θ ← θ − α·∇J。拖动或输入这些点，改变学习率 α 和优化器，观察损失曲面上走过的路径。',
  step: {
    start: '第 0 步：起点 θ₀',
    update: '第 {{k}} 步：梯度与更新',
  },
  stepName: {
    start: '起点',
    update: '第 {{k}} 次更新',
  },
  caption: {
    start: '直线从 θ₀ = [w₀, b₀] 出发。J 把各点的偏差 yᵢ − ŷᵢ 平方后相加（右图中的虚线）。',
    sgd: '每个参数对应梯度的一个分量：θ = [w, b] 有两个参数，梯度就有两个分量。普通梯度下降（SGD）让 θ 沿梯度的反方向移动 α 倍的梯度，走向下坡。',
    momentum:
      '动量法累积梯度：v ← μ·v + ∇J（v₁ 就是第一个梯度，与 torch.optim.SGD 相同），再沿 v 前进：沿着山谷方向越走越快，横跨山谷的来回振荡被抑制。',
    adam: 'Adam 用梯度的滑动平均（m）除以梯度平方的滑动平均（v）的平方根，两者都做了从 0 开始的偏差修正：无论梯度大小，每个参数每步大约移动 α。',
  },
  copied:
    '一篇被广泛转载的文章把这个梯度写成了三个分量，而参数只有两个。J 只依赖 w 和 b 两个参数，所以梯度只有两个分量：∇J(θ₀) = [−68, −15]，θ₁ = θ₀ − 0.01·∇J = [0.68, 0.15]。',
  diverging:
    '发散：J 每一步都在增大（起点 {{first}}，第 {{step}} 步 {{last}}）。α 太大：每一步都比上一步更远地越过谷底。',
  divergingSgd:
    '对这个 J 做普通梯度下降，α 只要大于 2/λ_max = {{limit}} 就会发散（λ_max：J 最陡的曲率）。',
  overflow: '已发散：第 {{step}} 步数值溢出（J = {{loss}}）。运行在此停止；之前各步的数值都保留。',
  flow: {
    label: '梯度下降的一步：直线的预测、损失、梯度以及 θ 的更新',
    data: '数据点 (x, y)',
    model: 'ŷ = w·x + b',
    loss: '损失 J',
    grad: '梯度 ∇J',
    update: {
      sgd: 'θ ← θ − α·∇J',
      momentum: 'θ ← θ − α·v',
      adam: 'θ ← θ − α·m̂/(√v̂+ε)',
    },
  },
  surface: {
    title: '损失曲面 J(w, b) 与走过的路径',
    label: '损失 J 在 w（横向）和 b（纵向）上的等高线，以及 θ 从第 0 步到第 {{k}} 步的路径',
    legend: '损失 J',
    current: '当前 θ',
    best: '最佳拟合',
    outside: '路径已超出图的范围',
  },
  data: {
    title: '数据点与第 {{k}} 步的直线',
    label: '数据点与直线 ŷ = {{w}}·x + {{b}}；虚线是各点的偏差 yᵢ − ŷᵢ',
    point: '第 {{i}} 个点：x = {{x}}，y = {{y}}。可拖动，或用方向键移动（按住 Shift 步子更大）。',
    hint: '拖动一个点，或选中后用方向键移动。',
  },
  controls: {
    optimizer: '优化器',
    lr: '学习率 α',
    steps: '步数',
    objective: '损失',
    momentum: '动量 μ',
    beta1: 'β₁',
    beta2: 'β₂',
    w0: '起点 w₀',
    b0: '起点 b₀',
    invalid: '“{{text}}”不是一个数',
  },
  optimizers: {
    sgd: 'SGD',
    momentum: '动量',
    adam: 'Adam',
  },
  objectives: {
    half_sse: '½ Σ (y − ŷ)²',
    mse: '均值 (y − ŷ)²（MSE）',
  },
  presets: '示例',
  preset: {
    copied: '被广泛转载的例子（α = 0.01）',
    diverges: '学习率过大（α = 0.04）',
    momentum: '动量法（μ = 0.9，α = 0.005）',
    adam: 'Adam（α = 0.1）',
  },
  sums: '梯度中的求和，逐项写出',
  settings: '设置',
  points: '数据点',
  pointsTable: '数据点：每个点的 x 与 y',
  addPoint: '添加一个点',
  removePoint: '删除第 {{i}} 个点',
  curve: '各步的损失',
  curveLabel: '第 0 到第 {{last}} 步每一步的损失 J，标出当前步',
  table: '每一步的数值',
  col: {
    step: '步',
  },
  rejected: '未应用：{{detail}}',
};
