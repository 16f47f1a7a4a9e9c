import type { toolsEn } from './tools.en';

/** 配置编辑器、分享、嵌入代码、课堂模式、导览和导出的简体中文文本（挂在 `tools` 下）。 */
export const toolsZhCN: typeof toolsEn = {
  editor: '以 JSON 编辑',
};
