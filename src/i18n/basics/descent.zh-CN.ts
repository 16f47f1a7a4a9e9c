import type { descentEn } from './descent.en';

/** Simplified Chinese strings of the Basics lesson's descent view (same keys as English). */
export const descentZhCN: typeof descentEn = {
  stage: '梯度下降：一步一步拟合一条直线',
};
