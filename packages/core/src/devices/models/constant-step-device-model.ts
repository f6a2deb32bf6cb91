import type { TileState } from '../../backends/tile-state.js';
import { ConstantStepDevice } from '../../parameters/pulsed-device-parameters.js';
import type { RandomSource } from '../../random/random-source.js';
import type { DeviceModel, Pulser } from '../device-model.js';
import {
  clipToPulsedDeviceBounds,
  PULSED_DEVICE_HIDDEN_NAMES,
  pulsedStepArrays,
  samplePulsedDevicePopulation,
} from '../pulsed-device-population.js';

/**
 * aihwkit's ConstantStepDevice: every pulse moves the weight by the device's own step,
 * `w += dwmin_up_ij·(1 + dw_min_std·ξ)` up or `w -= dwmin_down_ij·(1 + dw_min_std·ξ)` down (ξ
 * drawn per pulse, none when dw_min_std = 0), then clips to [min_bound_ij, max_bound_ij].
 * Weight granularity: dw_min.
 */
export class ConstantStepDeviceModel implements DeviceModel<ConstantStepDevice> {
  readonly kind = 'constant-step';
  readonly parameterClass = ConstantStepDevice;

  defaults(): ConstantStepDevice {
    return new ConstantStepDevice();
  }

  validate(partial: Record<string, unknown>): ConstantStepDevice {
    return new ConstantStepDevice(partial);
  }

  hiddenNames(): readonly string[] {
    return PULSED_DEVICE_HIDDEN_NAMES;
  }

  sampleHidden(params: ConstantStepDevice, rows: number, cols: number, rng: RandomSource): Record<string, Float32Array> {
    return samplePulsedDevicePopulation(params, rows, cols, rng);
  }

  granularity(params: ConstantStepDevice): number {
    return params.dw_min;
  }

  applyBounds(_params: ConstantStepDevice, state: TileState): void {
    clipToPulsedDeviceBounds(state);
  }

  createPulser(params: ConstantStepDevice, state: TileState, rng: RandomSource): Pulser {
    const w = state.weights;
    const { up, down, max, min } = pulsedStepArrays(state);
    const std = params.dw_min_std;
    return {
      pulse(idx: number, direction: 1 | -1): void {
        const noise = std > 0 ? 1 + std * rng.normal() : 1;
        let v = direction > 0 ? w[idx]! + noise * up[idx]! : w[idx]! - noise * down[idx]!;
        if (v > max[idx]!) v = max[idx]!;
        if (v < min[idx]!) v = min[idx]!;
        w[idx] = v;
      },
    };
  }
}
