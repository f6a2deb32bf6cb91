import type { DeviceModel, Pulser, RandomSource, TileState } from '@analogkit/core';
import { SoftBoundsDeviceModel } from './soft-bounds-device-model.js';
import { SoftBoundsPmaxDevice } from './soft-bounds-pmax-device.js';

/**
 * aihwkit's SoftBoundsPmaxDevice: the SoftBounds model run on the equivalent SoftBoundsDevice
 * (`toSoftBounds()`, the p_max / alpha / range reparameterisation). Weight granularity: the
 * derived dw_min, `B·alpha`.
 */
export class SoftBoundsPmaxDeviceModel implements DeviceModel {
  readonly kind = 'soft-bounds-pmax';
  readonly parameterClass = SoftBoundsPmaxDevice;
  private readonly softBounds = new SoftBoundsDeviceModel();

  defaults(): SoftBoundsPmaxDevice {
    return new SoftBoundsPmaxDevice();
  }

  validate(partial: Record<string, unknown>): SoftBoundsPmaxDevice {
    return new SoftBoundsPmaxDevice(partial);
  }

  hiddenNames(params: SoftBoundsPmaxDevice): readonly string[] {
    return this.softBounds.hiddenNames(params.toSoftBounds());
  }

  sampleHidden(params: SoftBoundsPmaxDevice, rows: number, cols: number, rng: RandomSource): Record<string, Float32Array> {
    return this.softBounds.sampleHidden(params.toSoftBounds(), rows, cols, rng);
  }

  granularity(params: SoftBoundsPmaxDevice): number {
    return this.softBounds.granularity(params.toSoftBounds());
  }

  applyBounds(params: SoftBoundsPmaxDevice, state: TileState, rng?: RandomSource): void {
    this.softBounds.applyBounds(params.toSoftBounds(), state, rng);
  }

  createPulser(params: SoftBoundsPmaxDevice, state: TileState, rng: RandomSource): Pulser {
    return this.softBounds.createPulser(params.toSoftBounds(), state, rng);
  }

  decay(params: SoftBoundsPmaxDevice, state: TileState, alpha: number, rng: RandomSource): void {
    this.softBounds.decay(params.toSoftBounds(), state, alpha, rng);
  }

  diffuse(params: SoftBoundsPmaxDevice, state: TileState, rng: RandomSource): void {
    this.softBounds.diffuse(params.toSoftBounds(), state, rng);
  }

  drift(params: SoftBoundsPmaxDevice, state: TileState, deltaT: number, rng: RandomSource): void {
    this.softBounds.drift(params.toSoftBounds(), state, deltaT, rng);
  }

  resetColumns(params: SoftBoundsPmaxDevice, state: TileState, start: number, count: number, prob: number, rng: RandomSource): void {
    this.softBounds.resetColumns(params.toSoftBounds(), state, start, count, prob, rng);
  }
}
