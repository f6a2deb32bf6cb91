import {
  ConfigError,
  TileStateError,
  XoshiroRandom,
  type BoundDevice,
  type DeviceRegistry,
  type ParameterBase,
  type RandomSource,
  type TileState,
} from '@analogkit/core';

/**
 * One device of a compound. In the compound's tile state its weights are the hidden array
 * `hidden_weights_<k>`, its hidden arrays carry the suffix `_<k>` (aihwkit's names, e.g.
 * `max_bound_0`) and its tile-level state (drift clocks, nested counters) the aux prefix `device_<k>.`.
 */
export interface SubDevice {
  readonly index: number;
  readonly bound: BoundDevice;
  readonly hiddenNames: readonly string[];
}

export const subWeightsName = (k: number): string => `hidden_weights_${k}`;
export const subHiddenName = (name: string, k: number): string => `${name}_${k}`;
const subAuxPrefix = (k: number): string => `device_${k}.`;

/** Binds each parameter object to its registered model. */
export function bindSubDevices(registry: DeviceRegistry, devices: readonly ParameterBase[]): SubDevice[] {
  return devices.map((params, index) => {
    const bound = registry.bind(params);
    return { index, bound, hiddenNames: bound.model.hiddenNames(params) };
  });
}

/** The compound's hidden names in aihwkit's order: per device its own names with `_<k>`, then `hidden_weights_<k>`. */
export function compoundHiddenNames(subs: readonly SubDevice[]): string[] {
  return subs.flatMap((s) => [...s.hiddenNames.map((n) => subHiddenName(n, s.index)), subWeightsName(s.index)]);
}

/** The random source for drawing the device populations: one seeded with `construction_seed` when it is non-zero. */
export function populationRandom(constructionSeed: number, rng: RandomSource): RandomSource {
  return constructionSeed !== 0 ? new XoshiroRandom(constructionSeed) : rng;
}

/** Draws every device's hidden arrays (renamed with `_<k>`) and zero weights `hidden_weights_<k>`. */
export function sampleSubDevices(subs: readonly SubDevice[], rows: number, cols: number, rng: RandomSource): Record<string, Float32Array> {
  const hidden: Record<string, Float32Array> = {};
  for (const s of subs) {
    const drawn = s.bound.model.sampleHidden(s.bound.params, rows, cols, rng);
    for (const [name, values] of Object.entries(drawn)) hidden[subHiddenName(name, s.index)] = values;
    hidden[subWeightsName(s.index)] = new Float32Array(rows * cols);
  }
  return hidden;
}

/**
 * A tile state of device `s` alone, sharing the compound's arrays: operations on it change the
 * compound's state in place. It holds every hidden array with the suffix `_<k>` (also ones a
 * device draws beyond its hiddenNames); arrays it adds or replaces go back with `commitSubState`.
 */
export function subState(state: TileState, s: SubDevice): TileState {
  const hidden: Record<string, Float32Array> = {};
  const suffix = `_${s.index}`;
  const weightsName = subWeightsName(s.index);
  for (const [name, values] of Object.entries(state.hidden)) {
    if (name.endsWith(suffix) && name !== weightsName) hidden[name.slice(0, -suffix.length)] = values;
  }
  for (const name of s.hiddenNames) if (!hidden[name]) compoundArray(state, subHiddenName(name, s.index));
  const aux: Record<string, Float32Array> = {};
  const prefix = subAuxPrefix(s.index);
  for (const [key, values] of Object.entries(state.aux)) if (key.startsWith(prefix)) aux[key.slice(prefix.length)] = values;
  return { rows: state.rows, cols: state.cols, weights: compoundArray(state, subWeightsName(s.index)), hidden, aux };
}

export function commitSubState(state: TileState, s: SubDevice, view: TileState): void {
  state.hidden[subWeightsName(s.index)] = view.weights;
  for (const [name, values] of Object.entries(view.hidden)) state.hidden[subHiddenName(name, s.index)] = values;
  const prefix = subAuxPrefix(s.index);
  for (const [key, values] of Object.entries(view.aux)) state.aux[prefix + key] = values;
}

/** Runs `op` on device `s`'s own state and keeps what it changed. */
export function withSubState(state: TileState, s: SubDevice, op: (view: TileState) => void): void {
  const view = subState(state, s);
  op(view);
  commitSubState(state, s, view);
}

/** A hidden array of the compound with one value per cross-point. */
export function compoundArray(state: TileState, name: string): Float32Array {
  const a = state.hidden[name];
  if (!a || a.length !== state.rows * state.cols) {
    throw new TileStateError(
      `The compound's tile state has no hidden array "${name}" of ${state.rows}x${state.cols} values (found ${a ? a.length : 'none'}); create the tile with this compound config so its devices are sampled.`,
    );
  }
  return a;
}

/** The mean weight granularity of the devices (aihwkit's vector devices). */
export function meanGranularity(subs: readonly SubDevice[]): number {
  return subs.reduce((sum, s) => sum + s.bound.model.granularity(s.bound.params), 0) / subs.length;
}

/** `out = sum_k gamma_k w_k` over all cross-points. */
export function reduceToWeights(out: Float32Array, weights: readonly Float32Array[], gamma: readonly number[]): void {
  for (let i = 0; i < out.length; i++) out[i] = weightedSum(weights, gamma, i);
}

export function weightedSum(weights: readonly Float32Array[], gamma: readonly number[], i: number): number {
  let w = 0;
  for (let k = 0; k < weights.length; k++) w += gamma[k]! * weights[k]![i]!;
  return w;
}

/** A ConfigError naming a compound field. */
export function compoundError(params: ParameterBase, field: string, message: string): ConfigError {
  return new ConfigError(`${params.className}.${field}: ${message}`, `${params.className}.${field}`);
}
