/** English strings of the Basics lesson's losses view (mounted at `basics.losses`). */
export const lossesEn = {
  stage: 'Loss functions: every term, the mean and the gradient',
  about: 'About this view',
  lead: 'A loss turns “how wrong is the prediction p for the target t?” into one number. Each sample gets a term; the loss is their mean; training moves every prediction against its gradient ∂L/∂p.',
  lossPicker: 'Loss',
  loss: {
    mse: 'MSE',
    mae: 'MAE',
    bce: 'Binary cross-entropy',
    cross_entropy: 'Cross-entropy',
  },
  step: {
    terms: 'Each sample’s term',
    mean: 'The loss: the mean of the terms',
    grad: 'The gradient ∂L/∂p',
    curve: 'The loss as one prediction moves',
  },
  caption: {
    terms: {
      mse: 'Each sample’s squared error (p − t)²: a miss twice as large costs four times as much.',
      mae: 'Each sample’s absolute error |p − t|: every miss costs in proportion.',
      bce: 'Each sample’s −(t log p + (1 − t) log(1 − p)): for t = 1 only −log p counts, for t = 0 only −log(1 − p). A confident wrong answer costs without bound.',
      cross_entropy:
        'Each row’s −Σ t_c log p_c: with a one-hot target, minus the log of the probability given to the right class.',
    },
    mean: 'The loss is the mean of the terms over the {{n}} samples (PyTorch’s default reduction).',
    grad: {
      mse: '∂L/∂pᵢ = 2(pᵢ − tᵢ)/n: proportional to the miss, so the updates shrink as the prediction closes in.',
      mae: '∂L/∂pᵢ = sign(pᵢ − tᵢ)/n: the same size however large the miss (0 when p = t, as autograd gives).',
      bce: '∂L/∂pᵢ = (pᵢ − tᵢ) / (pᵢ(1 − pᵢ) n): it grows without bound as a wrong prediction becomes confident.',
      cross_entropy:
        '∂L/∂p_ic = −t_ic / (p_ic n): only the target’s classes get a gradient, the largest where the right class got little probability.',
    },
    curve:
      'Move one prediction and every other value stays: the curve is the loss, the dot where you are, the straight line its slope ∂L/∂p there.',
  },
  flow: {
    label:
      'Overview: predictions and targets give terms, their mean is the loss, its gradient goes back to the predictions',
    prediction: 'prediction p',
    target: 'target t',
    terms: 'terms',
    loss: 'loss L',
    grad: '∂L/∂p',
    curve: 'L as p moves',
  },
  chart: {
    termsTitle: 'Each sample’s term (the loss is their mean)',
    gradTitle: '∂L/∂p for each prediction',
    term: 'Sample {{i}}: term {{v}}',
    gradBar: '{{i}}: gradient {{v}}',
    meanLabel: 'mean L',
    curveTitle: 'L as {{which}} moves (everything else fixed)',
    curveY: 'loss L',
    curveLoss: 'loss L',
    tangent: 'slope ∂L/∂p here',
    which: 'Prediction to move',
  },
  presets: 'Examples',
  preset: {
    mse: 'MSE: the widely copied example',
    bce: 'Cross-entropy: the widely copied example',
    mae: 'MAE: scikit-learn’s example',
    cross_entropy: 'Cross-entropy over 3 classes',
  },
  copied: {
    mse: 'A widely copied example prints {{printed}} for these numbers; they give {{right}}.',
    bce: 'A widely copied example prints {{printed}} (its logarithms are wrong); its own formula −Σ t log p gives {{own}}; binary cross-entropy, averaged over the five samples, is {{right}}.',
  },
  inputs: 'Targets and predictions',
  target: 'Targets t',
  prediction: 'Predictions p',
  rowsHint: 'Rows of class probabilities, separated by “;”.',
  invalid: '“{{text}}” is not a list of numbers: the last good values are kept.',
  table: 'Every number',
  sample: 'sample',
  term: 'term',
  grad: '∂L/∂p',
  rejected: 'Not applied — {{detail}}',
};
