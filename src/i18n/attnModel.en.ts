/** English strings of the attention model view (mounted at `attn.model`). */
export const attnModelEn = {
  lead: 'Type a sentence and follow it through a small transformer running in your page.',
};
