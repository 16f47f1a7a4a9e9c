/** English strings of the attention sandbox (mounted at `attn.sandbox`). */
export const attnSandboxEn = {
  lead: 'Type your own queries, keys and values and watch every step of scaled dot-product attention.',
};
