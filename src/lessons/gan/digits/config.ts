import { z } from 'zod';
import { gridLatents, GAN_CLASSES, LATENT_DIM, STRIP_MAX, STRIP_MIN, Z_LIMIT } from './latent';

const finite = z.number({ error: 'must be a number' }).finite('must be a finite number');

/** A latent vector: LATENT_DIM numbers in [−Z_LIMIT, Z_LIMIT] (z ~ N(0, I) in training). */
const latentSchema = z
  .array(
    finite
      .min(-Z_LIMIT, `each z value is between -${Z_LIMIT} and ${Z_LIMIT}`)
      .max(Z_LIMIT, `each z value is between -${Z_LIMIT} and ${Z_LIMIT}`),
    { error: `must be a list of ${LATENT_DIM} numbers` },
  )
  .length(LATENT_DIM, `z has exactly ${LATENT_DIM} numbers (one per latent dimension)`);

const labelSchema = z
  .number({ error: 'must be a digit 0-9' })
  .int('must be a whole digit 0-9')
  .min(0, 'must be a digit 0-9')
  .max(GAN_CLASSES - 1, 'must be a digit 0-9');

/** One end of the interpolation: a latent vector and the digit asked for. */
export const endpointSchema = z.object({ z: latentSchema, label: labelSchema }).strict();
export type Endpoint = z.infer<typeof endpointSchema>;

// Defaults show a 7 morphing into a 0: digits this small GAN draws well (see models/README.md).
const defaultGrid = gridLatents(1);

/**
 * The digits view of the GAN lesson: a conditional generator (mnist_gan_g) and its
 * discriminator (mnist_gan_d).
 * - `seed` draws the grid of samples (re-roll = next seed); `label` is the digit they show.
 * - `z` is the selected latent vector, the one the sliders edit (it need not be on the grid).
 * - `from` / `to` are the ends of the interpolation strip, `steps` images long; the lesson's
 *   step walks along the strip.
 */
export const digitsConfigSchema = z
  .object({
    mode: z.literal('digits'),
    seed: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(0xffffffff, 'must be at most 4294967295')
      .default(1),
    label: labelSchema.default(7),
    z: latentSchema.default(defaultGrid[0]!),
    from: endpointSchema.default({ z: defaultGrid[0]!, label: 7 }),
    to: endpointSchema.default({ z: defaultGrid[1]!, label: 0 }),
    steps: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(STRIP_MIN, `the strip has at least ${STRIP_MIN} images`)
      .max(STRIP_MAX, `the strip has at most ${STRIP_MAX} images`)
      .default(8),
  })
  .strict();

export type DigitsConfig = z.infer<typeof digitsConfigSchema>;

export const digitsDefaults: DigitsConfig = {
  mode: 'digits',
  seed: 1,
  label: 7,
  z: defaultGrid[0]!,
  from: { z: defaultGrid[0]!, label: 7 },
  to: { z: defaultGrid[1]!, label: 0 },
  steps: 8,
};
