/** The steps of the model view's walk through one forward pass (one per stage). */
export const MODEL_STEPS = [
  'tokens',
  'embed',
  'qkv',
  'scores',
  'scaled',
  'masked',
  'weights',
  'out',
  'concat',
  'proj',
  'norm1',
  'mlp',
  'norm2',
  'logits',
  'next',
] as const;

export type ModelStepId = (typeof MODEL_STEPS)[number];

/** The step at an index, clamped to the list. */
export const stepAt = (step: number): ModelStepId =>
  MODEL_STEPS[Math.min(MODEL_STEPS.length - 1, Math.max(0, step))]!;
