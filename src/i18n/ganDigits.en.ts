/** English strings of the GAN lesson's digits view (mounted at `ganDigits`). */
export const ganDigitsEn = {
  lead: 'A small generator trained on handwritten digits, running in your page.',
  stage: 'A generator of digits and the two networks that judge it',
  about: 'About this view',
  intro:
    'The generator G turns 8 random numbers z and the digit you ask for into a picture. The discriminator D, trained against it, scores how much a picture looks like a real handwritten digit. The CNN from the Convolution lesson, which never saw G, says which digit it reads.',
  pickDigit: 'Digit to draw',
  digit: 'Draw the digit {{digit}}',
  reroll: 'New samples',
  seed: 'seed {{seed}}',
  samples: 'Samples',
  samplesHint:
    'Each sample is G(z, digit) for its own random z; under it, D’s score. Pick one to see it large and edit its z.',
  sample: 'Sample {{n}}: D’s score {{score}}',
  selectedSample: 'Sample {{n}} of {{count}}: G’s digit {{digit}}',
  selectedOwn: 'Your own z (moved away from the samples): G’s digit {{digit}}',
  selectedAlt: 'The generated digit {{digit}} for the selected z',
  dScore: 'D’s score: {{score}}',
  legend: 'ink',
  verdictPlain: 'D: {{score}} — how likely D thinks it is a real handwritten digit.',
  verdictReal: 'D: {{score}} — looks real to D (real digits average {{real}}, G’s digits {{gen}}).',
  verdictFake:
    'D: {{score}} — looks generated to D (real digits average {{real}}, G’s digits {{gen}}).',
  verdictUnsure:
    'D: {{score}} — but D barely tells real from generated (real digits average {{real}}, G’s digits {{gen}}), so this says little.',
  auc: 'Of a real and a generated digit, D scores the real one higher {{auc}}% of the time.',
  cnnReads: 'The CNN (Convolution lesson) reads it as {{digit}} ({{percent}}%).',
  cnnReadsOther:
    'The CNN (Convolution lesson) reads it as {{digit}} ({{percent}}%), not the {{asked}} asked for.',
  flow: {
    name: 'The generator G draws a digit; D scores it and the CNN reads it',
    z: '8 numbers',
    digit: 'digit',
    g: 'generator',
    image: 'image',
    d: 'discriminator',
    score: 'D’s score',
    cnn: 'Convolution lesson',
    reading: 'CNN reads',
  },
  latent: 'Latent vector z',
  latentHint:
    'The digit says what to draw; z says how: slant, thickness, width. Slide one number and watch the picture and D’s score change.',
  zName: 'z{{i}}',
  zSlider: 'Latent value z{{i}}',
  zero: 'Set z to 0',
  useFrom: 'Use as A (start)',
  useTo: 'Use as B (end)',
  walkShort: 'Walk A → B',
  strip: 'Walk from A to B',
  stripHint:
    'G draws points on the straight line from A to B: z and the one-hot digit are both mixed, (1 − t)·A + t·B, so one digit can turn into another.',
  endA: 'A: {{digit}}',
  endB: 'B: {{digit}}',
  stripCount: 'Images in the walk',
  stripImage: 'Step {{k}}: t = {{t}}, D’s score {{score}}',
  current: 'step {{k}}: t = {{t}}, D’s score {{score}}',
  modelTitle: 'The models',
  model:
    'G has {{gParams}} parameters, D {{dParams}}. The MNIST CNN reads {{accuracy}}% of G’s digits as the digit asked for.',
};
