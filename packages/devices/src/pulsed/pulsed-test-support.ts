import { type DeviceModel, emptyTileState, type ParameterBase, type TileState, XoshiroRandom } from '@analogkit/core';
import { meanStd } from '@analogkit/core/testing';
import { PERSISTENT_WEIGHTS } from './write-noise.js';

export { meanStd };

/** Pulsed-device fields that switch off every device-to-device and cycle-to-cycle variation. */
export const NO_VARIATION = {
  dw_min_dtod: 0,
  up_down_dtod: 0,
  w_max_dtod: 0,
  w_min_dtod: 0,
  dw_min_std: 0,
} as const;

/** A tile state of rows x cols devices with hidden parameters drawn by the model (weights 0). */
export function deviceState(model: DeviceModel, params: ParameterBase, rows = 1, cols = 1, seed = 1): TileState {
  const state = emptyTileState(rows, cols);
  state.hidden = model.sampleHidden(params, rows, cols, new XoshiroRandom(seed));
  model.applyBounds(params, state);
  return state;
}

/** Sets the weight of device k (and its persistent weight, if any) without noise. */
export function setWeight(state: TileState, k: number, w: number): void {
  state.weights[k] = w;
  const persistent = state.hidden[PERSISTENT_WEIGHTS];
  if (persistent) persistent[k] = w;
}

/** The weight change of one pulse on device k from weight w. */
export function pulseOnce(model: DeviceModel, params: ParameterBase, state: TileState, w: number, direction: 1 | -1, k = 0, seed = 3): number {
  setWeight(state, k, w);
  const before = state.weights[k]!;
  model.createPulser(params, state, new XoshiroRandom(seed)).pulse(k, direction);
  return state.weights[k]! - before;
}

/** Mean and (population) std of the step of n single pulses, each from weight w on device 0. */
export function stepMoments(model: DeviceModel, params: ParameterBase, state: TileState, w: number, direction: 1 | -1, n = 20000, seed = 7) {
  const pulser = model.createPulser(params, state, new XoshiroRandom(seed));
  const steps = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    setWeight(state, 0, w);
    const before = state.weights[0]!;
    pulser.pulse(0, direction);
    steps[t] = state.weights[0]! - before;
  }
  return meanStd(steps);
}

/** The 5-sigma tolerance of a sample mean of n draws with standard deviation std. */
export function meanTolerance(std: number, n: number): number {
  return (5 * std) / Math.sqrt(n);
}

/** The 5-sigma tolerance of a sample std of n normal draws with standard deviation std. */
export function stdTolerance(std: number, n: number): number {
  return (5 * std) / Math.sqrt(2 * (n - 1));
}
