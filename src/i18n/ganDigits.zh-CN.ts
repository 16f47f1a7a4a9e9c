import type { ganDigitsEn } from './ganDigits.en';

/** GAN 手写数字视图的简体中文文本（挂在 `ganDigits` 下）。 */
export const ganDigitsZhCN: typeof ganDigitsEn = {
  lead: '一个在手写数字上训练的小型生成器，在你的网页里运行。',
};
