import type { attnSandboxEn } from './attnSandbox.en';

/** 注意力沙盒的简体中文文本（挂在 `attn.sandbox` 下）。 */
export const attnSandboxZhCN: typeof attnSandboxEn = {
  lead: '输入你自己的查询、键和值，逐步观察缩放点积注意力的每一步。',
};
