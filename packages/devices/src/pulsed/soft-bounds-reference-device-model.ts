import { hiddenArray, pulsedStepArrays, type RandomSource, type TileState } from '@analogkit/core';
import type { Population } from './device-population.js';
import { PulsedDeviceModel, type PulseRule } from './pulsed-device-model.js';
import { SoftBoundsReferenceDevice } from './soft-bounds-reference-device.js';

/**
 * aihwkit's SoftBoundsReferenceDevice: soft bounds on `w + reference_ij`,
 * up `dwmin_up·(1 - (w + r)/max_bound)`, down `dwmin_down·(1 - (w + r)/min_bound)`, clipped to the
 * bounds and shifted back by r. Hidden: `reference`. Weight granularity: dw_min.
 */
export class SoftBoundsReferenceDeviceModel extends PulsedDeviceModel<SoftBoundsReferenceDevice> {
  readonly kind = 'soft-bounds-reference';
  readonly parameterClass = SoftBoundsReferenceDevice;
  protected override readonly ownHiddenNames = ['reference'];

  granularity(params: SoftBoundsReferenceDevice): number {
    return params.dw_min;
  }

  /**
   * Row by row, for devices with `max_bound > 0 > min_bound`: the slopes `dwmin_up/max_bound` and
   * `-dwmin_down/min_bound` are scaled by `|1 + slope_*_dtod·ξ|` (down drawn first), which moves
   * the bounds. Then `reference = reference_mean + reference_std·ξ`, plus with
   * `subtract_symmetry_point` the point where both steps are equal,
   * `(up - down)/(up/max_bound - down/min_bound)`, which is also added to the reset bias.
   */
  protected override sampleOwnHidden(p: SoftBoundsReferenceDevice, population: Population, _rows: number, _cols: number, rng: RandomSource) {
    const { max_bound: max, min_bound: min, dwmin_up: up, dwmin_down: down, reset_bias: resetBias } = population;
    const reference = new Float32Array(up.length);
    for (let k = 0; k < reference.length; k++) {
      const consistent = max[k]! > 0 && min[k]! < 0;
      if (consistent) {
        const slopeDown = (-down[k]! / min[k]!) * Math.abs(1 + p.slope_down_dtod * rng.normal());
        const slopeUp = (up[k]! / max[k]!) * Math.abs(1 + p.slope_up_dtod * rng.normal());
        max[k] = up[k]! / slopeUp;
        min[k] = -down[k]! / slopeDown;
      }
      reference[k] = p.reference_mean + p.reference_std * rng.normal();
      if (p.subtract_symmetry_point && consistent) {
        const symmetry = (up[k]! - down[k]!) / (up[k]! / max[k]! - down[k]! / min[k]!);
        reference[k] = reference[k]! + symmetry;
        resetBias[k] = resetBias[k]! + symmetry;
      }
    }
    return { reference };
  }

  protected pulseRule(p: SoftBoundsReferenceDevice, state: TileState, rng: RandomSource): PulseRule {
    const { up, down, max, min } = pulsedStepArrays(state);
    const reference = hiddenArray(state, 'reference');
    const std = p.dw_min_std;
    const mult = p.mult_noise;
    return (w, k, direction) => {
      const r = reference[k]!;
      const shifted = w + r;
      const noise = std > 0 ? std * rng.normal() : 0;
      let v: number;
      if (direction > 0) {
        const relative = max[k]! > 0 ? shifted / max[k]! : 0;
        v = shifted + up[k]! * (mult ? (1 - relative) * (1 + noise) : 1 - relative + noise);
      } else {
        const relative = min[k]! < 0 ? shifted / min[k]! : 0;
        v = shifted - down[k]! * (mult ? (1 - relative) * (1 + noise) : 1 - relative + noise);
      }
      return Math.min(Math.max(v, min[k]!), max[k]!) - r;
    };
  }
}
