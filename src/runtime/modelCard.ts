import { z } from 'zod';

const dimSchema = z.union([z.number().int().nonnegative(), z.string()]);
const count = z.number().int().positive();

/** Shape of a decoder-only transformer (the Attention lesson's models). */
export const architectureSchema = z.object({
  kind: z.literal('decoder'),
  layers: count,
  heads: count,
  dModel: count,
  dK: count,
  dV: count,
  dFF: count,
  context: count,
  norm: z.literal('post'),
  positional: z.enum(['learned', 'sinusoidal']),
  activation: z.literal('relu'),
});

/** Character tokenizer: `vocab[id]` is the character (or a `<pad>`/`<unk>` marker). */
export const tokenizerSchema = z.object({
  kind: z.literal('char'),
  vocab: z.array(z.string()).min(1),
  pad: z.number().int().nonnegative(),
  unk: z.number().int().nonnegative().nullable(),
});

/** What a task model was trained to do (toy_reverse: `31415>` continues `51413`). */
export const taskSchema = z.object({
  kind: z.literal('reverse'),
  separator: z.string(),
  end: z.string().optional(),
  minLength: count,
  maxLength: count,
});

/** The card every model ships with (models/NAME.json), written by its recipe. */
export const modelCardSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().positive(),
  parameterCount: z.number().int().positive(),
  opset: z.number().int(),
  inputs: z.array(z.object({ name: z.string(), shape: z.array(dimSchema), dtype: z.string() })),
  outputs: z.array(
    z.object({ name: z.string(), shape: z.array(dimSchema), layer: z.string().optional() }),
  ),
  dataset: z.object({ name: z.string(), source: z.string(), licence: z.string() }).loose(),
  recipe: z.object({ script: z.string() }).loose(),
  metrics: z.record(z.string(), z.unknown()),
  architecture: architectureSchema.optional(),
  tokenizer: tokenizerSchema.optional(),
  task: taskSchema.optional(),
  /**
   * Golden fixtures whose T x T outputs hold "-Infinity" strings (masked attention), checked
   * by attentionModels.test.ts rather than by the generic `fixtures` check in models.test.ts.
   */
  golden: z.string().optional(),
});

export type ModelCard = z.infer<typeof modelCardSchema>;
