/** English strings of the GAN lesson's digits view (mounted at `ganDigits`). */
export const ganDigitsEn = {
  lead: 'A small generator trained on handwritten digits, running in your page.',
  intro:
    'The generator G turns 8 random numbers z and the digit you ask for into a picture. The discriminator D, trained against it, says how likely a picture is a real handwritten digit.',
  pickDigit: 'Digit to draw',
  digit: 'Draw the digit {{digit}}',
  reroll: 'New samples',
  seed: 'seed {{seed}}',
  samples: 'Samples',
  samplesHint:
    'Each picture is G(z, digit) for its own random z. Under it: p(real), the probability D gives that it is a real handwritten digit. Pick one to edit its z.',
  sample: 'Sample {{n}}: D says real with p = {{score}}',
  pReal: 'p(real) {{score}}',
  selected: 'Selected digit',
  selectedAlt: 'The generated digit for the selected z',
  verdict: 'D: real with p = {{score}}',
  reads: 'D’s classifier reads it as {{digit}} ({{percent}}%)',
  latent: 'Latent vector z',
  latentHint:
    'The digit says what to draw; z says how: slant, thickness, width. Slide one number and watch the picture and D’s verdict change.',
  zName: 'z{{i}}',
  zSlider: 'Latent value z{{i}}',
  zero: 'Set z to 0',
  useFrom: 'Use as A (start)',
  useTo: 'Use as B (end)',
  strip: 'Walk from A to B',
  stripHint:
    'G draws points on the straight line from A to B: z and the one-hot digit are both mixed, (1 − t)·A + t·B, so one digit can turn into another.',
  endA: 'A: {{digit}}',
  endB: 'B: {{digit}}',
  stripCount: 'Images in the walk',
  stripImage: 'Step {{k}}: t = {{t}}, D says real with p = {{score}}',
  current: 't = {{t}} · p(real) = {{score}}',
  model:
    'G has {{gParams}} parameters, D {{dParams}}. The MNIST CNN reads {{accuracy}}% of G’s digits as the digit asked for.',
};
