import {
  defaultDecay,
  defaultDiffuse,
  defaultDrift,
  defaultResetColumns,
  type DeviceModel,
  hiddenArray,
  type ParameterClass,
  PULSED_DEVICE_HIDDEN_NAMES,
  type PulsedDeviceParameters,
  type Pulser,
  type RandomSource,
  type TileState,
} from '@analogkit/core';
import { drawPopulation, type Population } from './device-population.js';
import { applyBoundsOnSet, onDeviceWeights, PERSISTENT_WEIGHTS, scaledWriteNoise, usesPersistentWeights } from './write-noise.js';

/**
 * The new weight of device `k` after one pulse from weight `w` (`direction` +1 up, -1 down),
 * cycle-to-cycle noise and clipping included.
 */
export type PulseRule = (w: number, k: number, direction: 1 | -1) => number;

/**
 * What the pulsed device models of this package share: the aihwkit population plus each model's
 * own hidden parameters, and write noise. With write noise the pulses, the time effects and
 * external writes act on the hidden `persistent_weights`, and every touched visible weight is
 * redrawn as `persistent + write_noise_std·dw_min·ξ`.
 */
export abstract class PulsedDeviceModel<P extends PulsedDeviceParameters> implements DeviceModel {
  abstract readonly kind: string;
  abstract readonly parameterClass: ParameterClass<P>;
  /** The model's own hidden arrays, after the shared ones (aihwkit's order). */
  protected readonly ownHiddenNames: readonly string[] = [];

  defaults(): P {
    return new this.parameterClass();
  }

  validate(partial: Record<string, unknown>): P {
    return new this.parameterClass(partial);
  }

  hiddenNames(params: P): readonly string[] {
    const persistent = usesPersistentWeights(params) ? [PERSISTENT_WEIGHTS] : [];
    return [...PULSED_DEVICE_HIDDEN_NAMES, ...persistent, ...this.ownHiddenNames];
  }

  sampleHidden(params: P, rows: number, cols: number, rng: RandomSource): Record<string, Float32Array> {
    const { population, random } = drawPopulation(params, rows, cols, rng);
    const own = this.sampleOwnHidden(params, population, rows, cols, random);
    const hidden: Record<string, Float32Array> = { ...population };
    if (usesPersistentWeights(params)) hidden[PERSISTENT_WEIGHTS] = new Float32Array(rows * cols);
    return Object.assign(hidden, own);
  }

  abstract granularity(params: P): number;

  /** Clips external writes to the bounds; with write noise they become the persistent weights. */
  applyBounds(params: P, state: TileState, rng?: RandomSource): void {
    applyBoundsOnSet(params, state, rng);
  }

  createPulser(params: P, state: TileState, rng: RandomSource): Pulser {
    const rule = this.pulseRule(params, state, rng);
    const visible = state.weights;
    const sigma = scaledWriteNoise(params);
    if (!(sigma > 0)) {
      return {
        pulse(k: number, direction: 1 | -1): void {
          visible[k] = rule(visible[k]!, k, direction);
        },
      };
    }
    const persistent = hiddenArray(state, PERSISTENT_WEIGHTS);
    return {
      pulse(k: number, direction: 1 | -1): void {
        persistent[k] = rule(persistent[k]!, k, direction);
        visible[k] = persistent[k]! + sigma * rng.normal();
      },
    };
  }

  decay(params: P, state: TileState, alpha: number, rng: RandomSource): void {
    onDeviceWeights(params, state, rng, (s) => defaultDecay(params, s, alpha, rng));
  }

  diffuse(params: P, state: TileState, rng: RandomSource): void {
    onDeviceWeights(params, state, rng, (s) => defaultDiffuse(params, s, rng));
  }

  drift(params: P, state: TileState, deltaT: number, rng: RandomSource): void {
    if (!(params.drift.nu > 0)) return;
    onDeviceWeights(params, state, rng, (s) => defaultDrift(params.drift, s, deltaT, rng));
  }

  resetColumns(params: P, state: TileState, start: number, count: number, prob: number, rng: RandomSource): void {
    onDeviceWeights(params, state, rng, (s) => defaultResetColumns(params, s, start, count, prob, rng));
  }

  /** The model's own hidden parameters, drawn after the population (which they may adjust). */
  protected sampleOwnHidden(
    _params: P,
    _population: Population,
    _rows: number,
    _cols: number,
    _rng: RandomSource,
  ): Record<string, Float32Array> {
    return {};
  }

  /** The per-pulse rule of the model, bound to the tile's arrays. */
  protected abstract pulseRule(params: P, state: TileState, rng: RandomSource): PulseRule;
}
