/** English strings of the GAN lesson (mounted at `gan`). */
export const ganEn = {
  title: 'GANs: two networks learning against each other',
};
