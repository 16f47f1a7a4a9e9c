/** English strings of the Basics lesson's activations view (mounted at `basics.activations`). */
export const activationsEn = {
  stage: 'Activation functions: the curve, its slope, and why deep sigmoid stacks stop learning',
};
