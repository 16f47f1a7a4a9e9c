/** English strings of the GAN lesson's digits view (mounted at `ganDigits`). */
export const ganDigitsEn = {
  lead: 'A small generator trained on handwritten digits, running in your page.',
};
