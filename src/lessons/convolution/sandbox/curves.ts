import { activate } from '../../../core/conv';
import { ACTIVATIONS } from '../config';

export const X_DOMAIN = [-6, 6] as const;
export const Y_DOMAIN = [-3, 6] as const;

/** The five activation curves on x ∈ [−6, 6], sampled every 0.1 with core's `activate`. */
export const ACTIVATION_CURVES = ACTIVATIONS.map((a) => ({
  id: a,
  points: Array.from({ length: 121 }, (_, i) => {
    const x = X_DOMAIN[0] + i * 0.1;
    return [x, activate(x, a)] as const;
  }),
}));
