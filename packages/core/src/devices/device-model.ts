import type { TileState } from '../backends/tile-state.js';
import type { ParameterBase, ParameterClass } from '../parameters/parameter-base.js';
import type { UpdateParameters } from '../parameters/update-parameters.js';
import type { RandomSource } from '../random/random-source.js';

/** What one update call tells the device (aihwkit's initUpdateCycle / finishUpdateCycle arguments). */
export interface UpdateContext {
  /** The SGD learning rate of this update call. */
  readonly lr: number;
  /** The tile's update parameters. */
  readonly update: UpdateParameters;
  /** Samples in this update call (aihwkit's m_batch_info). */
  readonly batch: number;
}

/** Applies single pulses to one tile's devices, bound to the tile's arrays. */
export interface Pulser {
  /** Called once before each sample of an update batch, also when the sample fires no pulse. */
  startSample?(): void;
  /**
   * One pulse on the device at flat index `idx` (row * cols + col). `direction` +1 increases
   * the weight (an "up" step), -1 decreases it. The step includes cycle-to-cycle noise and the
   * result is clipped to the device bounds.
   */
  pulse(idx: number, direction: 1 | -1): void;
  /** Called once after each sample of an update batch (compound devices, write noise). */
  finishSample?(): void;
  /** Called once after the whole update batch. */
  finishUpdate?(): void;
}

/**
 * A device model plugin: its parameters, the per-device hidden parameters it draws once
 * (device-to-device variation), its per-pulse rule and optionally its own time effects. Core
 * provides default time effects (decay, diffusion, drift, reset) over the hidden arrays named
 * `decay_scales`, `diffusion_rates`, `drift_nu`, `reset_bias`, `max_bound`, `min_bound`.
 */
export interface DeviceModel<P extends ParameterBase = ParameterBase> {
  /** Unique kebab-case name, e.g. `constant-step`. */
  readonly kind: string;
  /** The parameter class (its `className` is the aihwkit class name used in JSON). */
  readonly parameterClass: ParameterClass<P>;
  /**
   * True for floating-point device types (ideal, floating-point): updates are then exact
   * `W -= lr d x^T` whatever the pulse type, as in aihwkit.
   */
  readonly floatingPointUpdate?: boolean;
  /** Default parameters. */
  defaults(): P;
  /** Builds validated parameters from a partial object (throws ConfigError naming the field). */
  validate(partial: Record<string, unknown>): P;
  /** Names of the hidden arrays `sampleHidden` returns, in aihwkit's order. */
  hiddenNames(params: P): readonly string[];
  /** Draws the hidden per-device parameters once, each an array of rows * cols. */
  sampleHidden(params: P, rows: number, cols: number, rng: RandomSource): Record<string, Float32Array>;
  /** The weight granularity used by update management (BL, A, B). */
  granularity(params: P): number;
  /**
   * Brings weights written from outside into the device's range (clip to bounds); `rng` draws
   * write noise where the device has it.
   */
  applyBounds(params: P, state: TileState, rng?: RandomSource): void;
  /** A pulser for one update batch. */
  createPulser(params: P, state: TileState, rng: RandomSource, context?: UpdateContext): Pulser;
  /**
   * The learning rate the pulse trains are built with, from the SGD one (aihwkit's
   * getPulseCountLearningRate, e.g. a transfer compound's fast_lr); default: the SGD learning rate.
   */
  pulseCountLearningRate?(params: P, lr: number): number;
  /**
   * Devices that compute the update digitally from x (batch * cols) and d (batch * rows) instead of
   * receiving pulse trains (aihwkit's hasDirectUpdate, e.g. mixed precision). When present, the
   * pulsed update calls this instead of building pulse trains.
   */
  directUpdate?(params: P, state: TileState, x: Float32Array, d: Float32Array, context: UpdateContext, rng: RandomSource): void;
  /**
   * Whether postUpdateStep should diffuse / decay; default: the parameters' `diffusion` /
   * `lifetime` field is > 0. Compounds answer for their sub-devices.
   */
  needsDiffusion?(params: P): boolean;
  needsDecay?(params: P): boolean;
  /** Optional replacements of the core time effects. */
  decay?(params: P, state: TileState, alpha: number, rng: RandomSource): void;
  diffuse?(params: P, state: TileState, rng: RandomSource): void;
  drift?(params: P, state: TileState, deltaT: number, rng: RandomSource): void;
  resetColumns?(params: P, state: TileState, start: number, count: number, prob: number, rng: RandomSource): void;
}

/** A device model with the parameters of one tile. */
export interface BoundDevice<P extends ParameterBase = ParameterBase> {
  readonly model: DeviceModel<P>;
  readonly params: P;
}
