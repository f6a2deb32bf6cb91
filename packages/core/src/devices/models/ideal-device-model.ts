import type { TileState } from '../../backends/tile-state.js';
import { ConfigError } from '../../errors.js';
import { IdealDevice } from '../../parameters/ideal-device.js';
import type { RandomSource } from '../../random/random-source.js';
import type { DeviceModel, Pulser } from '../device-model.js';
import { floatingPointDecay, floatingPointDiffuse } from '../time-effects/floating-point.js';
import { resetColumnMask } from '../time-effects/reset-columns.js';

/**
 * The step of one pulse on an ideal device, used only where something pulses it directly (the
 * update kernel never does, see below): aihwkit's default dw_min.
 */
export const IDEAL_PULSE_STEP = 0.001;

/**
 * aihwkit's IdealDevice, a floating-point device (`SimpleRPUDevice`): updates are exact,
 * `W -= lr·d xᵀ`, whatever the pulse type (the update kernel sees `floatingPointUpdate` and
 * skips the pulse trains), with no bounds and no hidden parameters. Time effects are the
 * floating-point ones:
 * - decay: `w ·= 1 - alpha/lifetime` when lifetime > 1 (and the factor lies in (0, 1));
 * - diffusion: `w += diffusion·ξ`;
 * - reset: selected devices become `reset_std·ξ` (no reset bias);
 * - no drift (IdealDevice has no drift parameters).
 *
 * A pulser is still provided for code that pulses devices directly: each pulse moves the weight
 * by exactly `IDEAL_PULSE_STEP` (the granularity), without noise or bounds.
 */
export class IdealDeviceModel implements DeviceModel<IdealDevice> {
  readonly kind = 'ideal';
  readonly parameterClass = IdealDevice;
  readonly floatingPointUpdate = true;

  defaults(): IdealDevice {
    return new IdealDevice();
  }

  validate(partial: Record<string, unknown>): IdealDevice {
    return new IdealDevice(partial);
  }

  hiddenNames(): readonly string[] {
    return [];
  }

  sampleHidden(): Record<string, Float32Array> {
    return {};
  }

  granularity(): number {
    return IDEAL_PULSE_STEP;
  }

  /** No bounds: weights are kept as written. */
  applyBounds(): void {}

  createPulser(_params: IdealDevice, state: TileState): Pulser {
    const w = state.weights;
    return {
      pulse(idx: number, direction: 1 | -1): void {
        w[idx] = w[idx]! + direction * IDEAL_PULSE_STEP;
      },
    };
  }

  decay(params: IdealDevice, state: TileState, alpha: number): void {
    floatingPointDecay(params.lifetime, state, alpha);
  }

  diffuse(params: IdealDevice, state: TileState, rng: RandomSource): void {
    floatingPointDiffuse(params.diffusion, state, rng);
  }

  drift(): void {}

  resetColumns(params: IdealDevice, state: TileState, start: number, count: number, prob: number, rng: RandomSource): void {
    if (!(prob >= 0 && prob <= 1)) throw new ConfigError(`Reset probability must be in [0, 1], got ${prob}.`, 'reset_prob');
    const { rows, cols, weights } = state;
    const mask = resetColumnMask(cols, start, count);
    const std = params.reset_std;
    for (let j = 0; j < cols; j++) {
      if (!mask[j]) continue;
      for (let i = 0; i < rows; i++) {
        if (prob !== 1 && !(rng.uniform() < prob)) continue;
        weights[i * cols + j] = std > 0 ? std * rng.normal() : 0;
      }
    }
  }
}
