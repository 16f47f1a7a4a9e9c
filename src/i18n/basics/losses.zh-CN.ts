import type { lossesEn } from './losses.en';

/** Simplified Chinese strings of the Basics lesson's losses view (same keys as English). */
export const lossesZhCN: typeof lossesEn = {
  stage: '损失函数：每一项、平均值和梯度',
};
