import { z } from 'zod';
import { GAN_LOSSES } from '../../../core/ganLoss';

/** Most values per batch the losses view edits and lays out. */
export const MAX_BATCH = 64;

const probability = z
  .number({ error: 'must be a number' })
  .min(0, 'D outputs a probability: at least 0')
  .max(1, 'D outputs a probability: at most 1');

const batch = (what: string) =>
  z
    .array(probability)
    .min(1, `${what} needs at least 1 value`)
    .max(MAX_BATCH, `${what} has at most ${MAX_BATCH} values`);

/**
 * The losses view: the discriminator's outputs on a batch of real samples (dReal = D(x)) and
 * generated ones (dFake = D(G(z))), each in [0, 1], and which loss the GAN uses.
 */
export const lossesConfigSchema = z
  .object({
    mode: z.literal('losses'),
    dReal: batch('dReal'),
    dFake: batch('dFake'),
    loss: z.enum(GAN_LOSSES).default('non-saturating'),
  })
  .strict();

export type LossesConfig = z.infer<typeof lossesConfigSchema>;

/**
 * A widely copied example: D(x) = 0.9, D(G(z)) = 0.1 → L_D ≈ 0.2107, L_G ≈ 2.3026 (the copies
 * print L_D ≈ −1.3956, which a loss made of −log terms can never be).
 */
export const lossesDefaults: LossesConfig = {
  mode: 'losses',
  dReal: [0.9],
  dFake: [0.1],
  loss: 'non-saturating',
};
