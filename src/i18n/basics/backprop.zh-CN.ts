import type { backpropEn } from './backprop.en';

/** Simplified Chinese strings of the Basics lesson's backprop view (same keys as English). */
export const backpropZhCN: typeof backpropEn = {
  stage: '反向传播：逐个神经元走过链式法则',
};
