import type { TileState } from '../../backends/tile-state.js';
import { KernelError } from '../../errors.js';
import { FloatingPointDevice } from '../../parameters/floating-point-device.js';
import type { RandomSource } from '../../random/random-source.js';
import type { DeviceModel, Pulser } from '../device-model.js';
import { applyDrift } from '../time-effects/drift.js';
import { floatingPointDecay, floatingPointDiffuse } from '../time-effects/floating-point.js';

/**
 * aihwkit's FloatingPointDevice (the device of a FloatingPointTile, C++ `RPUSimple`): exact
 * updates `W -= lr d x^T` whatever the pulse type (the update kernel sees `floatingPointUpdate`),
 * no bounds, no hidden per-device parameters, and its own time effects:
 * - decay `w *= 1 - alpha/lifetime`, only when lifetime > 1 and the factor lies in (0, 1);
 * - diffusion `w += diffusion * xi` (unclipped), only when diffusion > 0;
 * - simple drift with one nu for all weights (see `applyDrift`), only when drift.nu > 0.
 * Column resets are not supported (aihwkit's RPUSimple raises too).
 */
export class FloatingPointDeviceModel implements DeviceModel<FloatingPointDevice> {
  readonly kind = 'floating-point';
  readonly parameterClass = FloatingPointDevice;
  readonly floatingPointUpdate = true;

  defaults(): FloatingPointDevice {
    return new FloatingPointDevice();
  }

  validate(partial: Record<string, unknown>): FloatingPointDevice {
    return new FloatingPointDevice(partial);
  }

  hiddenNames(): readonly string[] {
    return [];
  }

  sampleHidden(): Record<string, Float32Array> {
    return {};
  }

  /** Floating-point updates are exact: there is no pulse granularity (the update kernel never asks). */
  granularity(): number {
    return 0;
  }

  /** No device bounds: weights written from outside stay as they are. */
  applyBounds(): void {}

  createPulser(): Pulser {
    throw new KernelError('FloatingPointDevice takes exact (floating-point) updates only and cannot be pulsed.');
  }

  decay(params: FloatingPointDevice, state: TileState, alpha: number): void {
    floatingPointDecay(params.lifetime, state, alpha);
  }

  diffuse(params: FloatingPointDevice, state: TileState, rng: RandomSource): void {
    floatingPointDiffuse(params.diffusion, state, rng);
  }

  drift(params: FloatingPointDevice, state: TileState, deltaT: number, rng: RandomSource): void {
    applyDrift(state, params.drift, deltaT, rng);
  }

  resetColumns(): void {
    throw new KernelError('Column resets are not supported for FloatingPointDevice (as in aihwkit); use a pulsed device.');
  }
}
