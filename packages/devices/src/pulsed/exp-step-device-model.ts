import { pulsedStepArrays, type RandomSource, type TileState } from '@analogkit/core';
import { ExpStepDevice } from './exp-step-device.js';
import { PulsedDeviceModel, type PulseRule } from './pulsed-device-model.js';

/**
 * aihwkit's ExpStepDevice. With `z = 2a·w/(max_bound - min_bound) + b`:
 * up `dwmin_up·max(1 - A_up·e^{γ_up·z}, 0)`, down `dwmin_down·max(1 - A_down·e^{-γ_down·z}, 0)`,
 * times `(1 + dw_min_std·ξ)`; with `dw_min_std_add` or `dw_min_std_slope` set (and dw_min_std > 0)
 * the noise is additive instead, `dw_min_std·(|Δw| + dw_min_std_add + dw_min_std_slope·|w|)·ξ`.
 * Devices with max_bound <= min_bound do not move. Weight granularity: the down step at w = 0.
 */
export class ExpStepDeviceModel extends PulsedDeviceModel<ExpStepDevice> {
  readonly kind = 'exp-step';
  readonly parameterClass = ExpStepDevice;

  /**
   * aihwkit's `calcWeightGranularity` (it averages the down step with itself): the down step at
   * w = 0 with the mean bounds and up/down bias, or dw_min when that step is 0 (0.00098342 with
   * the defaults).
   */
  granularity(p: ExpStepDevice): number {
    const downBias = p.up_down > 0 ? -p.up_down : 0;
    const z = p.b;
    const step = (downBias + 1) * p.dw_min * Math.max(1 - p.A_down * Math.exp(-p.gamma_down * z), 0);
    return step > 0 ? step : p.dw_min;
  }

  protected pulseRule(p: ExpStepDevice, state: TileState, rng: RandomSource): PulseRule {
    const { up, down, max, min } = pulsedStepArrays(state);
    const std = p.dw_min_std;
    const complexNoise = std > 0 && (p.dw_min_std_add !== 0 || p.dw_min_std_slope !== 0);
    return (w, k, direction) => {
      const range = max[k]! - min[k]!;
      if (!(range > 0)) return w;
      const z = ((2 * w) / range) * p.a + p.b;
      const dw =
        direction > 0
          ? up[k]! * Math.max(1 - p.A_up * Math.exp(p.gamma_up * z), 0)
          : -down[k]! * Math.max(1 - p.A_down * Math.exp(-p.gamma_down * z), 0);
      let v: number;
      if (complexNoise) {
        v = w + dw + std * (Math.abs(dw) + p.dw_min_std_add + p.dw_min_std_slope * Math.abs(w)) * rng.normal();
      } else {
        v = w + (std > 0 ? dw * (1 + std * rng.normal()) : dw);
      }
      return Math.min(Math.max(v, min[k]!), max[k]!);
    };
  }
}
