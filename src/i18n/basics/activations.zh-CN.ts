import type { activationsEn } from './activations.en';

/** Simplified Chinese strings of the Basics lesson's activations view (same keys as English). */
export const activationsZhCN: typeof activationsEn = {
  stage: '激活函数：曲线、斜率，以及为什么很深的 sigmoid 网络学不动',
};
