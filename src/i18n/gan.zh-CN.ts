import type { ganEn } from './gan.en';

/** GAN 课程的简体中文文本（挂在 `gan` 下）。 */
export const ganZhCN: typeof ganEn = {
  title: 'GAN：两个相互对抗学习的网络',
};
