/** English strings of the Basics lesson's backprop view (mounted at `basics.backprop`). */
export const backpropEn = {
  stage: 'Backpropagation: the chain rule through a small network, neuron by neuron',
  about: 'What you see',
  lead: 'One training step of a small network on one sample. Step forward neuron by neuron (z = W·a + b, a = f(z)), compute the loss, then go backward edge by edge: each neuron’s δ = ∂L/∂z, each weight’s ∂L/∂w = δ · a, each bias’s ∂L/∂b = δ, and finally the update w ← w − η·∂L/∂w. Every product can be checked by hand. Click an edge to change its weight.',
  engineRunning:
    'Computing the train step with ONNX Runtime… (the float64 reference is shown meanwhile)',
  engineDone:
    'Numbers computed by an ONNX train-step graph (onnxruntime-web) and checked against a float64 reference: largest relative difference {{diff}}.',
  engineError: 'ONNX Runtime failed ({{error}}); showing the float64 reference.',
  mismatch: 'ONNX Runtime and the float64 reference differ by {{diff}}.',
  rejected: 'Not applied: {{detail}}',
  outputIs: 'Output',
  train: 'Train another step',
  restart: 'Back to the first parameters',
  clickEdge: 'Click an edge to edit its weight',
  history: 'Loss per training step',
  historyChart: 'The loss at each training step',
  historyItem: 'Step {{n}}: L = {{loss}}',
  settings: 'Network and sample',
  params: 'Weights and biases',
  paramsHint:
    'W⁽ˡ⁾ has one row per neuron of layer l and one column per input to it (PyTorch’s Linear layout). Type a value, or paste rows of numbers.',
  sizes: 'Layer sizes',
  sizesHint: '2–{{layers}} layers (input and output included) of 1–{{units}} neurons, e.g. 3, 2, 1',
  sizesInvalid:
    '“{{text}}” is not 2–{{layers}} whole numbers of 1–{{units}}, so the network is kept.',
  activation: 'Hidden activation',
  output: 'Output activation',
  loss: 'Loss',
  lr: 'Learning rate η',
  x: 'Input x',
  y: 'Target y',
  weightsOf: 'W⁽{{l}}⁾ ({{rows}} × {{cols}})',
  biasesOf: 'b⁽{{l}}⁾',
  fn: {
    relu: 'ReLU',
    sigmoid: 'sigmoid σ',
    tanh: 'tanh',
    linear: 'linear (none)',
    mse: 'squared error (mean)',
    bce: 'binary cross-entropy',
  },
  layerInput: 'input x',
  layerHidden: 'hidden {{n}}',
  layerOutput: 'output',
  legend: 'Edge colour and thickness: the weight',
  legendFlow: 'Dashed arrows: gradients flowing back',
  edgeTitle: '{{name}} = {{value}} (click to edit)',
  neuronLabel: '{{name}} = {{value}}',
  figureLabel: 'The {{sizes}} network: neurons with their values, weights as coloured edges',
  flow: {
    label: 'One training step',
    input: 'The input x',
    forward: 'Forward',
    loss: 'The loss',
    delta: 'Backward δ',
    grads: 'Gradients',
    update: 'Update',
  },
  step: {
    forward: 'Forward: neuron {{name}} of layer {{l}}',
    loss: 'The loss',
    delta: 'Backward: {{name}}, how the loss changes with this neuron’s z',
    weight: 'Backward: ∂L/∂{{name}}, the edge {{from}} → {{to}}',
    bias: 'Backward: ∂L/∂{{name}}',
    update: 'Update layer {{l}}',
  },
  caption: {
    forward:
      'Each neuron multiplies its inputs by the weights of its edges, adds its bias (z), then applies its activation (a).',
    loss_mse: 'Squared error: the mean over the outputs of (a − y)².',
    loss_bce: 'Binary cross-entropy: the mean over the outputs of −(y log a + (1 − y) log(1 − a)).',
    deltaOut:
      'The chain rule starts at the loss: δ of an output neuron is ∂L/∂a times the activation’s slope f′(z).',
    deltaHidden:
      'A hidden neuron’s δ gathers the δ of every neuron it feeds, each weighted by the edge between them, times its own slope f′(z).',
    weight:
      'z = … + w·a + …, so ∂z/∂w = a: the weight’s gradient is the δ of the neuron it feeds times the value that flows along it.',
    bias: 'z = … + b, so ∂z/∂b = 1: a bias’s gradient is its neuron’s δ.',
    update:
      'Every parameter moves against its gradient by η = {{lr}} times it. “Train another step” starts again from these values.',
  },
};
