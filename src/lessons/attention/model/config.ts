import { z } from 'zod';

/** The transformers the model view can open (models/NAME.onnx). */
export const ATTN_MODELS = ['char_gpt_en', 'char_gpt_zh', 'toy_reverse'] as const;

/**
 * The model view: a trained transformer on the user's text. (Skeleton — the model-view owner
 * refines fields, limits and defaults.)
 */
export const modelConfigSchema = z
  .object({
    mode: z.literal('model'),
    model: z.enum(ATTN_MODELS),
    text: z.string().max(64, 'the text is at most 64 characters'),
    layer: z.number().int().nonnegative().default(0),
    head: z.number().int().nonnegative().default(0),
  })
  .strict();

export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const modelDefaults: ModelConfig = {
  mode: 'model',
  model: 'char_gpt_en',
  text: 'The quick brown fox',
  layer: 0,
  head: 0,
};
