import type { IOParameters } from '../../parameters/io-parameters.js';

/**
 * The |y| level (tile output, before digital scales) at and above which the forward output is
 * taken as clipped, so the input gradient is zeroed there: `0.999 out_scale out_bound`, or null
 * when `out_bound <= 0` (no ADC clipping). As aihwkit's `get_forward_out_bound`, is_perfect is
 * not consulted; tiles without forward IOParameters (floating point) have no bound at all.
 */
export function forwardOutBound(io: IOParameters): number | null {
  return io.out_bound > 0 ? io.out_scale * io.out_bound * 0.999 : null;
}
