/** English strings of the Basics lesson's descent view (mounted at `basics.descent`). */
export const descentEn = {
  stage: 'Gradient descent: fitting a line step by step',
  about: 'What happens here',
  lead: 'A line ŷ = w·x + b is fitted to the points. The loss J(w, b) measures how far the line misses them; its gradient ∇J = [∂J/∂w, ∂J/∂b] points uphill, so each step moves θ = [w, b] a little the other way: θ ← θ − α·∇J. Drag the points or type them; change the learning rate α and the optimizer, and watch the path on the loss surface.',
  step: {
    start: 'Step 0: the start θ₀',
    update: 'Step {{k}}: gradient and update',
  },
  stepName: {
    start: 'the start',
    update: 'update {{k}}',
  },
  caption: {
    start:
      'The line starts at θ₀ = [w₀, b₀]. J adds up the squared misses yᵢ − ŷᵢ of the points (the dashed lines on the right).',
    sgd: 'The gradient has one component per parameter: two for θ = [w, b]. Plain gradient descent (SGD) moves θ by α times the gradient, downhill.',
    momentum:
      'Momentum keeps a running sum of the gradients, v ← μ·v + ∇J (v₁ is the first gradient, as in torch.optim.SGD), and steps along it: it speeds up along the valley and damps the zigzag across it.',
    adam: 'Adam divides a running mean of the gradient (m) by the root of a running mean of its square (v), each corrected for starting at 0: every parameter moves about α per step, whatever the size of its gradient.',
  },
  copied:
    'A widely copied article writes this gradient with three components for two parameters. J depends on two parameters, w and b, so its gradient has two: ∇J(θ₀) = [−68, −15], and θ₁ = θ₀ − 0.01·∇J = [0.68, 0.15].',
  diverging:
    'Diverging: J grows with every step ({{first}} at the start, {{last}} at step {{step}}). α is too large: each step overshoots the valley further than the last.',
  divergingSgd:
    'Plain gradient descent on this J diverges for any α above 2/λ_max = {{limit}} (λ_max: J’s steepest curvature).',
  overflow:
    'Diverged: at step {{step}} the numbers overflow (J = {{loss}}). The run stops there; the steps before it keep their numbers.',
  flow: {
    label:
      'One step of gradient descent: the line’s predictions, the loss, its gradient and the update of θ',
    data: 'points (x, y)',
    model: 'ŷ = w·x + b',
    loss: 'loss J',
    grad: 'gradient ∇J',
    update: {
      sgd: 'θ ← θ − α·∇J',
      momentum: 'θ ← θ − α·v',
      adam: 'θ ← θ − α·m̂/(√v̂+ε)',
    },
  },
  surface: {
    title: 'Loss surface J(w, b) and the path taken',
    label:
      'Contours of the loss J over w (across) and b (up), with the path of θ from step 0 to step {{k}}',
    legend: 'loss J',
    current: 'θ now',
    best: 'best fit',
    outside: 'the path leaves the plot',
  },
  data: {
    title: 'The points and the line at step {{k}}',
    label: 'The points and the line ŷ = {{w}}·x + {{b}}; the dashed lines are the misses yᵢ − ŷᵢ',
    point:
      'Point {{i}}: x = {{x}}, y = {{y}}. Drag it, or use the arrow keys (Shift: larger steps).',
    hint: 'Drag a point, or focus it and use the arrow keys.',
  },
  controls: {
    optimizer: 'Optimizer',
    lr: 'Learning rate α',
    steps: 'Steps',
    objective: 'Loss',
    momentum: 'Momentum μ',
    beta1: 'β₁',
    beta2: 'β₂',
    w0: 'Start w₀',
    b0: 'Start b₀',
    invalid: '“{{text}}” is not a number',
  },
  optimizers: {
    sgd: 'SGD',
    momentum: 'Momentum',
    adam: 'Adam',
  },
  objectives: {
    half_sse: '½ Σ (y − ŷ)²',
    mse: 'mean (y − ŷ)² (MSE)',
  },
  presets: 'Examples',
  preset: {
    copied: 'The widely copied example (α = 0.01)',
    diverges: 'A learning rate too large (α = 0.04)',
    momentum: 'Momentum (μ = 0.9, α = 0.005)',
    adam: 'Adam (α = 0.1)',
  },
  sums: 'The gradient’s sums, term by term',
  settings: 'Settings',
  points: 'Points',
  pointsTable: 'The points: x and y of each',
  addPoint: 'Add a point',
  removePoint: 'Remove point {{i}}',
  curve: 'Loss over the steps',
  curveLabel: 'The loss J at each step from 0 to {{last}}, the current step marked',
  table: 'Every step’s numbers',
  col: {
    step: 'step',
  },
  rejected: 'Not applied: {{detail}}',
};
