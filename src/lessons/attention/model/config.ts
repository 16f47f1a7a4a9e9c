import { z } from 'zod';

/** The transformers the model view can open (models/NAME.onnx). */
export const ATTN_MODELS = ['char_gpt_en', 'char_gpt_zh', 'toy_reverse'] as const;
export type AttnModel = (typeof ATTN_MODELS)[number];

/**
 * What the config schema must know about each model before it has loaded (a link or the embed
 * API is validated at once): its layers, heads and context length. A unit test checks these
 * against the committed model cards. `example` is the text the view starts with; `head` is
 * the [layer, head] it opens on — for the toy model the head that does the reversal (its
 * card's `reversalHead`: 99.97% of answer positions put their largest weight on the mirrored
 * input position); for the English model a previous-character head (l1.h1: on the golden
 * fixture's text, on average 0.49 of each row's weight sits on the character just before);
 * for the Chinese model its card's showcase head (l1.h0: in held-out poems 0.90 of its weight
 * sits on commas, full stops and line ends, against 0.22 for an even spread).
 */
export const ATTN_MODEL_FACTS: Record<
  AttnModel,
  { layers: number; heads: number; context: number; example: string; head: [number, number] }
> = {
  char_gpt_en: { layers: 2, heads: 4, context: 64, example: 'The quick brown fox', head: [1, 1] },
  char_gpt_zh: {
    layers: 2,
    heads: 4,
    context: 64,
    example: '床前明月光，疑是地上霜。',
    head: [1, 0],
  },
  toy_reverse: { layers: 2, heads: 2, context: 18, example: '31415>51413.', head: [1, 1] },
};

/** The characters of a text as the char-level tokenizer sees them (code points, not UTF-16). */
export const textChars = (text: string): string[] => Array.from(text);

const samplingSchema = z
  .object({
    temperature: z
      .number({ error: 'must be a number' })
      .gt(0, 'must be greater than 0')
      .max(5, 'is at most 5'),
    /** Keep the k most likely tokens; 0 keeps all. */
    topK: z.number().int('must be a whole number').min(0, 'is at least 0 (0 = off)').max(10_000),
    /** Keep the smallest set of tokens whose probabilities reach p; 1 keeps all. */
    topP: z.number().gt(0, 'must be greater than 0').max(1, 'is at most 1'),
    /** Seeds the draw of every generated token (each position has its own stream). */
    seed: z
      .number()
      .int('must be a whole number')
      .min(0, 'is at least 0')
      .max(2 ** 32 - 1, 'is at most 4294967295'),
  })
  .strict();

export type SamplingConfig = z.infer<typeof samplingSchema>;

export const samplingDefaults: SamplingConfig = { temperature: 1, topK: 0, topP: 1, seed: 1 };

/** A query (row) and key (column) position of the attention matrix, locked by a click. */
const cellSchema = z
  .object({
    row: z.number().int().nonnegative(),
    col: z.number().int().nonnegative(),
  })
  .strict();

/**
 * The model view: a trained transformer on the user's text. The text is the whole state of a
 * run: "generate" appends the sampled character to it (and counts it in `generated`), so a
 * link reproduces exactly what was seen, and the same text, seed and settings always sample
 * the same next character (each position draws from its own seeded stream).
 */
export const modelConfigSchema = z
  .object({
    mode: z.literal('model'),
    model: z.enum(ATTN_MODELS).default('char_gpt_en'),
    text: z
      .string({ error: 'must be a string' })
      .min(1, 'needs at least 1 character')
      .max(256, 'is at most 256 characters'),
    /** How many characters at the end of the text were generated (shown as such). */
    generated: z.number().int().nonnegative().default(0),
    layer: z.number().int('must be a whole number').nonnegative().default(0),
    head: z.number().int('must be a whole number').nonnegative().default(0),
    sampling: samplingSchema.default(samplingDefaults),
    cell: cellSchema.nullable().default(null),
  })
  .strict()
  .superRefine((c, ctx) => {
    const facts = ATTN_MODEL_FACTS[c.model];
    const n = textChars(c.text).length;
    if (n > facts.context) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `${c.model} reads at most ${facts.context} characters; the text has ${n}`,
      });
    }
    if (c.layer >= facts.layers) {
      ctx.addIssue({
        code: 'custom',
        path: ['layer'],
        message: `${c.model} has layers 0 to ${facts.layers - 1}`,
      });
    }
    if (c.head >= facts.heads) {
      ctx.addIssue({
        code: 'custom',
        path: ['head'],
        message: `${c.model} has heads 0 to ${facts.heads - 1}`,
      });
    }
    if (c.generated > n) {
      ctx.addIssue({
        code: 'custom',
        path: ['generated'],
        message: `at most the text's ${n} characters can have been generated`,
      });
    }
    if (c.cell) {
      for (const key of ['row', 'col'] as const) {
        if (c.cell[key] >= n) {
          ctx.addIssue({
            code: 'custom',
            path: ['cell', key],
            message: `the text has positions 0 to ${n - 1}`,
          });
        }
      }
    }
  });

export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const modelDefaults: ModelConfig = {
  mode: 'model',
  model: 'char_gpt_en',
  text: ATTN_MODEL_FACTS.char_gpt_en.example,
  generated: 0,
  layer: 0,
  head: 0,
  sampling: samplingDefaults,
  cell: null,
};

/** The config after switching to another model: its example text; layer, head and cell reset. */
export function withModel(config: ModelConfig, model: AttnModel): ModelConfig {
  return {
    ...config,
    model,
    text: ATTN_MODEL_FACTS[model].example,
    generated: 0,
    layer: ATTN_MODEL_FACTS[model].head[0],
    head: ATTN_MODEL_FACTS[model].head[1],
    cell: null,
  };
}

/** Example inputs for the toy model: digits, then the separator; it should answer reversed. */
export const TOY_PRESETS = ['31415>', '12345678>', '9072>', '7>'] as const;
