import type { ganEn } from './gan.en';

/** GAN 课程的简体中文文本（挂在 `gan` 下）。 */
export const ganZhCN: typeof ganEn = {
  title: 'GAN：两个相互对抗学习的网络',
  modes: '探索内容',
  mode: { train: '训练二维 GAN', losses: '损失函数', digits: '手写数字' },
};
