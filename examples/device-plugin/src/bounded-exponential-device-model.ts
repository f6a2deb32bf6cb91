import {
  clipToPulsedDeviceBounds,
  type DeviceModel,
  hiddenArray,
  PULSED_DEVICE_HIDDEN_NAMES,
  pulsedStepArrays,
  type Pulser,
  type RandomSource,
  samplePulsedDevicePopulation,
  type TileState,
} from '@analogkit/core';
import { BoundedExponentialDevice } from './bounded-exponential-device.js';

/** The model's own hidden parameter: each device's steepness, drawn once. */
export const STEEPNESS = 'steepness';

const HIDDEN_NAMES = [...PULSED_DEVICE_HIDDEN_NAMES, STEEPNESS] as const;

/**
 * The device model plugin of BoundedExponentialDevice. Core's shared population gives every
 * device its bounds, up/down steps, decay, diffusion, reset and drift parameters; this model adds
 * a steepness per device and the per-pulse rule. Time effects (decay, diffusion, drift, reset)
 * are core's defaults, which work on the shared hidden arrays.
 */
export class BoundedExponentialDeviceModel implements DeviceModel<BoundedExponentialDevice> {
  readonly kind = 'bounded-exponential';
  readonly parameterClass = BoundedExponentialDevice;

  defaults(): BoundedExponentialDevice {
    return new BoundedExponentialDevice();
  }

  validate(partial: Record<string, unknown>): BoundedExponentialDevice {
    return new BoundedExponentialDevice(partial);
  }

  hiddenNames(): readonly string[] {
    return HIDDEN_NAMES;
  }

  /** The shared pulsed-device population first, then one steepness per device from the same generator. */
  sampleHidden(params: BoundedExponentialDevice, rows: number, cols: number, rng: RandomSource): Record<string, Float32Array> {
    const hidden: Record<string, Float32Array> = samplePulsedDevicePopulation(params, rows, cols, rng);
    const steepness = new Float32Array(rows * cols);
    for (let k = 0; k < steepness.length; k++) {
      steepness[k] = Math.max(params.steepness + params.steepness_dtod * rng.normal(), 0);
    }
    hidden[STEEPNESS] = steepness;
    return hidden;
  }

  /** The mean step at the symmetry point, where up and down steps are equal. */
  granularity(params: BoundedExponentialDevice): number {
    return params.dw_min * Math.exp(-params.steepness / 2);
  }

  applyBounds(_params: BoundedExponentialDevice, state: TileState): void {
    clipToPulsedDeviceBounds(state);
  }

  createPulser(params: BoundedExponentialDevice, state: TileState, rng: RandomSource): Pulser {
    const w = state.weights;
    const { up, down, max, min } = pulsedStepArrays(state);
    const kappa = hiddenArray(state, STEEPNESS);
    const std = params.dw_min_std;
    return {
      pulse(idx: number, direction: 1 | -1): void {
        const range = max[idx]! - min[idx]!;
        const u = range > 0 ? (w[idx]! - min[idx]!) / range : 0.5;
        const noise = std > 0 ? 1 + std * rng.normal() : 1;
        const step = direction > 0 ? up[idx]! * Math.exp(-kappa[idx]! * u) : -down[idx]! * Math.exp(-kappa[idx]! * (1 - u));
        w[idx] = Math.min(Math.max(w[idx]! + noise * step, min[idx]!), max[idx]!);
      },
    };
  }
}
