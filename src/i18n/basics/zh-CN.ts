import type { basicsEn } from './en';
import { activationsZhCN } from './activations.zh-CN';
import { lossesZhCN } from './losses.zh-CN';
import { descentZhCN } from './descent.zh-CN';
import { backpropZhCN } from './backprop.zh-CN';
import { playgroundZhCN } from './playground.zh-CN';

/** 基础课程的简体中文文本（挂在 `basics` 下）；每个模式有自己的文件。 */
export const basicsZhCN: typeof basicsEn = {
  title: '基础：神经网络如何学习',
  modes: '探索内容',
  mode: {
    activations: '激活函数',
    losses: '损失函数',
    descent: '梯度下降',
    backprop: '反向传播',
    playground: '游乐场',
  },
  activations: activationsZhCN,
  losses: lossesZhCN,
  descent: descentZhCN,
  backprop: backpropZhCN,
  playground: playgroundZhCN,
};
