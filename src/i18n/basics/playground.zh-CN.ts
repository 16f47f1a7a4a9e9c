import type { playgroundEn } from './playground.en';

/** Simplified Chinese strings of the Basics lesson's playground view (same keys as English). */
export const playgroundZhCN: typeof playgroundEn = {
  stage: '神经网络游乐场：看一个小网络学习二维数据',
};
