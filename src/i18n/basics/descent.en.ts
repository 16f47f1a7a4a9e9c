/** English strings of the Basics lesson's descent view (mounted at `basics.descent`). */
export const descentEn = {
  stage: 'Gradient descent: fitting a line step by step',
};
