import {
  ConstantStepDevice,
  ConstantStepDeviceModel,
  DeviceModelRegistry,
  emptyTileState,
  pulsedUpdateReference,
  UpdateParameters,
  XoshiroRandom,
  type BoundDevice,
  type ParameterBase,
  type ParameterInit,
  type RandomSource,
  type TileState,
} from '@analogkit/core';
import { MixedPrecisionCompoundModel } from './mixed-precision-compound-model.js';
import { OneSidedUnitCellModel } from './one-sided-unit-cell-model.js';
import { TransferCompoundModel } from './transfer-compound-model.js';
import { VectorUnitCellModel } from './vector-unit-cell-model.js';

/* Helpers for the compound tests: a registry with ConstantStep and the compounds, exact devices and updates. */

/** A ConstantStep device without any variation or noise: every pulse moves the weight by exactly dw_min. */
export function exactDevice(init: ParameterInit<ConstantStepDevice> = {}): ConstantStepDevice {
  return new ConstantStepDevice({
    dw_min: 0.001,
    dw_min_dtod: 0,
    dw_min_std: 0,
    up_down_dtod: 0,
    w_max_dtod: 0,
    w_min_dtod: 0,
    reset_std: 0,
    ...init,
  });
}

export function compoundRegistry(): DeviceModelRegistry {
  const registry: DeviceModelRegistry = new DeviceModelRegistry([new ConstantStepDeviceModel()]);
  const lookup = (): DeviceModelRegistry => registry;
  registry.register(new VectorUnitCellModel(lookup));
  registry.register(new OneSidedUnitCellModel(lookup));
  registry.register(new TransferCompoundModel(lookup));
  registry.register(new MixedPrecisionCompoundModel(lookup));
  return registry;
}

/** A sampled tile state of `rows` x `cols` for `params`, with weights written as by tile.setWeights. */
export function compoundState(device: BoundDevice, rows: number, cols: number, rng: RandomSource = new XoshiroRandom(7), weights?: number[]): TileState {
  const state = emptyTileState(rows, cols);
  state.hidden = device.model.sampleHidden(device.params, rows, cols, rng);
  if (weights) state.weights.set(weights);
  device.model.applyBounds(device.params, state);
  return state;
}

export function bind<P extends ParameterBase>(registry: DeviceModelRegistry, params: P): BoundDevice<P> {
  return registry.bind(params);
}

/**
 * Runs the reference pulsed update on `state`. With the default update parameters and one x and
 * one d entry of magnitude 1, the device at that cross-point gets exactly `lr / granularity`
 * pulses (down when x d > 0).
 */
export function update(
  state: TileState,
  device: BoundDevice,
  x: number[],
  d: number[],
  lr: number,
  options: { update?: UpdateParameters; rng?: RandomSource } = {},
): void {
  const batch = x.length / state.cols;
  pulsedUpdateReference.run(
    state,
    { x: Float32Array.from(x), d: Float32Array.from(d), batch },
    { update: options.update ?? new UpdateParameters(), lr, device, rng: options.rng ?? new XoshiroRandom(3) },
  );
}

export function hidden(state: TileState, name: string): number[] {
  const a = state.hidden[name];
  if (!a) throw new Error(`no hidden array ${name}`);
  return Array.from(a);
}
