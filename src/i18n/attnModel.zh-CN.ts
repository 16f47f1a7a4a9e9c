import type { attnModelEn } from './attnModel.en';

/** 注意力模型视图的简体中文文本（挂在 `attn.model` 下）。 */
export const attnModelZhCN: typeof attnModelEn = {
  lead: '输入一句话，跟着它走过在你网页里运行的小型 Transformer。',
};
