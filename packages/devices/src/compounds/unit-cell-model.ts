import {
  decayWeightsReference,
  diffuseWeightsReference,
  driftWeightsReference,
  resetColumnsReference,
  type BoundDevice,
  type DeviceModel,
  type DeviceRegistry,
  type DriftParameter,
  type ParameterBase,
  type ParameterClass,
  type Pulser,
  type RandomSource,
  type SimpleDriftParameter,
  type TileState,
  type UnitCell,
  type UpdateContext,
} from '@analogkit/core';
import {
  bindSubDevices,
  commitSubState,
  compoundArray,
  compoundHiddenNames,
  populationRandom,
  reduceToWeights,
  sampleSubDevices,
  subState,
  subWeightsName,
  withSubState,
  type SubDevice,
} from './sub-devices.js';
import { deviceNeedsDecay, deviceNeedsDiffusion } from './time-effect-needs.js';

/** The generic DeviceModel interface (core's token type is the non-generic one). */
export type TypedDeviceModel<P extends ParameterBase> = BoundDevice<P>['model'];

/** How a compound model finds the models of its devices (the runtime's registry, looked up when used). */
export type RegistryLookup = () => DeviceRegistry;

/**
 * The shared part of the compounds that keep one weight array per device (aihwkit's
 * `VectorRPUDevice` family): the devices' hidden arrays and weights live in the tile's hidden
 * record under aihwkit's compound names, the visible weights are `sum_k gamma_k w_k`, recomputed
 * after every change, and time effects run per device through its own model.
 */
export abstract class UnitCellModel<P extends UnitCell> implements TypedDeviceModel<P> {
  abstract readonly kind: string;
  abstract readonly parameterClass: ParameterClass<P>;

  constructor(protected readonly registry: RegistryLookup) {}

  /** The device parameters, one per device (validated: throws ConfigError on a bad count). */
  protected abstract deviceParameters(params: P): ParameterBase[];
  /** The weighting of the devices (validated against their count). */
  protected abstract gammas(params: P, n: number): number[];
  /**
   * Writes the visible weights (already in `state.weights`) into the devices' weights (aihwkit's
   * onSetWeights) and resets the compound's counters; bounds are applied afterwards.
   */
  protected abstract distributeWeights(params: P, state: TileState, views: readonly TileState[]): void;
  abstract granularity(params: P): number;
  abstract createPulser(params: P, state: TileState, rng: RandomSource, context?: UpdateContext): Pulser;

  defaults(): P {
    return new this.parameterClass();
  }

  validate(partial: Record<string, unknown>): P {
    const params = new this.parameterClass(partial);
    this.gammas(params, this.deviceParameters(params).length);
    return params;
  }

  hiddenNames(params: P): readonly string[] {
    return compoundHiddenNames(this.subDevices(params));
  }

  sampleHidden(params: P, rows: number, cols: number, rng: RandomSource): Record<string, Float32Array> {
    const subs = this.subDevices(params);
    this.gammas(params, subs.length);
    return sampleSubDevices(subs, rows, cols, populationRandom(params.construction_seed, rng));
  }

  applyBounds(params: P, state: TileState, rng?: RandomSource): void {
    const subs = this.subDevices(params);
    const views = subs.map((s) => subState(state, s));
    this.distributeWeights(params, state, views);
    subs.forEach((s, k) => {
      s.bound.model.applyBounds(s.bound.params, views[k]!, rng);
      commitSubState(state, s, views[k]!);
    });
    this.reduce(params, state, subs);
  }

  needsDiffusion(params: P): boolean {
    return bindSubDevices(this.registry(), this.deviceParameters(params)).some((d) => deviceNeedsDiffusion(d.bound));
  }

  needsDecay(params: P): boolean {
    return bindSubDevices(this.registry(), this.deviceParameters(params)).some((d) => deviceNeedsDecay(d.bound));
  }

  decay(params: P, state: TileState, alpha: number, rng: RandomSource): void {
    this.eachDevice(params, state, false, (view, device) => decayWeightsReference.run(view, {}, { alpha, device, rng }));
  }

  diffuse(params: P, state: TileState, rng: RandomSource): void {
    this.eachDevice(params, state, false, (view, device) => diffuseWeightsReference.run(view, {}, { device, rng }));
  }

  drift(params: P, state: TileState, deltaT: number, rng: RandomSource): void {
    this.eachDevice(params, state, false, (view, device) => driftDevice(view, device.model, device.params, deltaT, rng));
  }

  resetColumns(params: P, state: TileState, start: number, count: number, prob: number, rng: RandomSource): void {
    this.eachDevice(params, state, true, (view, device) => resetColumnsReference.run(view, {}, { start, count, prob, device, rng }));
  }

  /** The devices a column reset acts on (all by default). */
  protected resetDevices(subs: SubDevice[]): SubDevice[] {
    return subs;
  }

  protected subDevices(params: P): SubDevice[] {
    return bindSubDevices(this.registry(), this.deviceParameters(params));
  }

  /** Recomputes the visible weights from the devices' weights. */
  protected reduce(params: P, state: TileState, subs: readonly SubDevice[]): void {
    const weights = subs.map((s) => compoundArray(state, subWeightsName(s.index)));
    reduceToWeights(state.weights, weights, this.gammas(params, subs.length));
  }

  /** Runs a time effect on each device's own state (only the reset devices for a reset), then recomputes the weights. */
  private eachDevice(params: P, state: TileState, reset: boolean, op: (view: TileState, device: SubDevice['bound']) => void): void {
    const subs = this.subDevices(params);
    for (const s of reset ? this.resetDevices(subs) : subs) withSubState(state, s, (view) => op(view, s.bound));
    this.reduce(params, state, subs);
  }
}

/** Drift of one device: its model's own drift, or the default drift with its drift parameters (none: no drift). */
export function driftDevice(state: TileState, model: DeviceModel, params: ParameterBase, deltaT: number, rng: RandomSource): void {
  if (model.drift) {
    model.drift(params, state, deltaT, rng);
    return;
  }
  const drift = (params as { drift?: DriftParameter | SimpleDriftParameter }).drift;
  if (drift) driftWeightsReference.run(state, {}, { deltaT, drift, device: { model, params }, rng });
}
