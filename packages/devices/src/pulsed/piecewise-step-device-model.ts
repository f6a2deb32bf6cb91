import { pulsedStepArrays, type RandomSource, type TileState } from '@analogkit/core';
import { PiecewiseStepDevice } from './piecewise-step-device.js';
import { PulsedDeviceModel, type PulseRule } from './pulsed-device-model.js';

/**
 * aihwkit's PiecewiseStepDevice: the step `dwmin_up` / `dwmin_down` is scaled by the linear
 * interpolation of `piecewise_up` / `piecewise_down` at the weight, the n nodes spread over
 * [min_bound, max_bound] (n - 1 equal sections), times `(1 + dw_min_std·ξ)`. With one node, or
 * equal bounds, the first node scales the step. Weight granularity: `dw_min·piecewise_up[⌊n/2⌋]`.
 */
export class PiecewiseStepDeviceModel extends PulsedDeviceModel<PiecewiseStepDevice> {
  readonly kind = 'piecewise-step';
  readonly parameterClass = PiecewiseStepDevice;

  granularity(p: PiecewiseStepDevice): number {
    return p.dw_min * p.piecewise_up[Math.floor(p.piecewise_up.length / 2)]!;
  }

  protected pulseRule(p: PiecewiseStepDevice, state: TileState, rng: RandomSource): PulseRule {
    const { up, down, max, min } = pulsedStepArrays(state);
    const nodesUp = Float64Array.from(p.piecewise_up);
    const nodesDown = Float64Array.from(p.piecewise_down);
    const sections = nodesUp.length - 1;
    const std = p.dw_min_std;
    return (w, k, direction) => {
      const nodes = direction > 0 ? nodesUp : nodesDown;
      const hi = max[k]!;
      const lo = min[k]!;
      let factor: number;
      if (sections <= 0 || hi <= lo) {
        factor = nodes[0]!;
      } else {
        const scaled = Math.max(((w - lo) / (hi - lo)) * sections, 0);
        const i = Math.min(Math.floor(scaled), sections - 1);
        const t = Math.min(scaled - i, 1);
        factor = (1 - t) * nodes[i]! + t * nodes[i + 1]!;
      }
      const step = factor * (direction > 0 ? up[k]! : down[k]!) * (std > 0 ? 1 + std * rng.normal() : 1);
      const v = direction > 0 ? w + step : w - step;
      return Math.min(Math.max(v, lo), hi);
    };
  }
}
