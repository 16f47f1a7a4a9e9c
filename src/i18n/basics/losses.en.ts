/** English strings of the Basics lesson's losses view (mounted at `basics.losses`). */
export const lossesEn = {
  stage: 'Loss functions: every term, the mean and the gradient',
};
