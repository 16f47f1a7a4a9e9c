import { z } from 'zod';

/**
 * The largest magnitude a sandbox accepts for a number the learner types. The models run in
 * float32 (largest ≈ 3.4e38): 1e30 would pass as a number but its products overflow to ∞
 * (q·k = 1e60), so the sandboxes refuse such values up front, naming the limit.
 */
export const SANDBOX_MAX_MAGNITUDE = 1e6;

/** A number a sandbox computes with: finite, and within ±SANDBOX_MAX_MAGNITUDE. */
export const sandboxNumber = z
  .number({ error: 'must be a number' })
  .finite('must be a finite number')
  .min(
    -SANDBOX_MAX_MAGNITUDE,
    'must be at least −1,000,000 (float32, which the sandbox runs in, would overflow on larger products)',
  )
  .max(
    SANDBOX_MAX_MAGNITUDE,
    'must be at most 1,000,000 (float32, which the sandbox runs in, would overflow on larger products)',
  );
