import { z } from 'zod';

const dimSchema = z.union([z.number().int().nonnegative(), z.string()]);

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
});

export type ModelCard = z.infer<typeof modelCardSchema>;
