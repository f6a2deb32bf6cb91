import type { TileHandle } from '../backends/tile-state.js';
import type { ComputeBackend } from '../backends/compute-backend.js';
import { ConfigError, TileStateError } from '../errors.js';
import type { InferenceDriftCompensation } from '../inference/drift-compensation.js';
import { driftAlpha, oneHotInputs, scaleByAlpha } from '../inference/drift-alpha.js';
import {
  checkExtraInferenceAux,
  checkProgrammedState,
  clearInferenceAux,
  INFERENCE_ALPHA_KEY,
  INFERENCE_BASELINE_KEY,
  INFERENCE_REFERENCE_KEY,
  readProgrammedState,
  writeProgrammedState,
} from '../inference/inference-aux.js';
import type { InferenceNoiseModel } from '../inference/noise-model.js';
import { WeightClipType, WeightModifierType, WeightRemapType } from '../parameters/enums.js';
import type { BaseDriftCompensation, BaseNoiseModel, InferenceRPUConfig } from '../parameters/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { BaseTile, type ForwardOptions, type TileSetup } from './base-tile.js';
import type { TileExtra } from './tile-extra.js';

interface BoundCompensation {
  plugin: InferenceDriftCompensation;
  params: BaseDriftCompensation;
}

/**
 * A tile for hardware-aware training and inference. Training updates are exact on the clean
 * weights; after each step (postUpdateStep) the weights are clipped, remapped, and a modified copy
 * is made that the forward and backward passes use while training.
 *
 * For inference, programWeights() programs the weights once through the config's noise model
 * (drawing each device's drift exponent), and driftWeights(t) sets the weights to the programmed
 * ones drifted to t seconds after programming, with fresh read noise. The drift compensation
 * scales the outputs by alpha in eval mode (`forward(x, { isTest: true })`) only.
 */
export class InferenceTile extends BaseTile<InferenceRPUConfig> {
  private modifiedHandle: TileHandle | null = null;
  /** Mirror of `inference.alpha` in the tile state; null means 1. */
  private alpha: Float32Array | null = null;

  /** Use `createTile(runtime, out, in, rpuConfig)`; this constructor takes an allocated tile. */
  constructor(rpuConfig: InferenceRPUConfig, setup: TileSetup) {
    super(rpuConfig, setup);
  }

  private get modifierActive(): boolean {
    const m = this.rpuConfig.modifier;
    return m.type !== WeightModifierType.NONE || m.pdrop > 0;
  }

  override async forward(x: Tensor | number[] | number[][], options: ForwardOptions = {}): Promise<Tensor> {
    const y = await super.forward(x, options);
    if (options.isTest && this.alpha && this.rpuConfig.drift_compensation !== null) {
      scaleByAlpha(y.data, this.alpha, this.outSize, this.outTrans);
    }
    return y;
  }

  // ---- programming and drift ------------------------------------------------------------

  /**
   * Programs the weights: the reference weights (the current weights, cached on the first call
   * until setWeights) go through the noise model's programming noise, which also fixes each
   * device's drift exponent; the programmed weights are written, and the drift compensation's
   * baseline is read out. Programming is a single pass, so this returns 1 (the iteration count
   * of the pulsed tiles' closed-loop programWeights).
   */
  override async programWeights(): Promise<number> {
    this.assertLive();
    const noise = this.noiseModel();
    const compensation = this.compensation();
    const state = await this.backend.readTile(this.handle);
    const reference = (state.aux[INFERENCE_REFERENCE_KEY] ?? state.weights).slice();
    const programmed = noise.model.program(noise.params, reference.slice(), this.rows, this.cols, this.rng);
    checkProgrammedState(programmed, this.rows * this.cols, noise.model.kind);
    writeProgrammedState(state.aux, reference, programmed);
    state.weights.set(programmed.weights);
    this.applyDeviceBounds(state);
    await this.backend.writeTile(this.handle, state);
    this.dropModifiedCopy();
    this.alpha = null;
    if (compensation) {
      const outputs = await this.readoutForward(compensation.plugin.exactReference(compensation.params));
      const baseline = compensation.plugin.readout(compensation.params, outputs, this.cols, this.rows);
      await this.mutateState((s) => {
        s.aux[INFERENCE_BASELINE_KEY] = Float32Array.from(baseline);
      });
    }
    return 1;
  }

  /**
   * Sets the weights to the programmed ones at `tInference` seconds after programming (absolute
   * time, not a step), programming first if needed: drift with each device's fixed exponent and
   * freshly drawn read noise. Then alpha = baseline / readout(current) (when drift compensation is on).
   */
  override async driftWeights(tInference = 0): Promise<void> {
    this.assertLive();
    if (!Number.isFinite(tInference) || tInference < 0) {
      throw new ConfigError(`Inference time must be a finite number of seconds >= 0, got ${tInference}.`, 't_inference');
    }
    const noise = this.noiseModel();
    const compensation = this.compensation();
    let state = await this.backend.readTile(this.handle);
    if (!readProgrammedState(state.aux)) {
      await this.programWeights();
      state = await this.backend.readTile(this.handle);
    }
    const programmed = readProgrammedState(state.aux)!;
    const drifted = noise.model.applyDrift(noise.params, programmed, tInference, this.rng);
    if (drifted.length !== this.rows * this.cols) {
      throw new TileStateError(`Noise model "${noise.model.kind}" returned ${drifted.length} drifted weights; the tile has ${this.rows * this.cols}.`);
    }
    state.weights.set(drifted);
    this.applyDeviceBounds(state);
    await this.backend.writeTile(this.handle, state);
    this.dropModifiedCopy();
    const baseline = state.aux[INFERENCE_BASELINE_KEY];
    if (!compensation || !baseline) return;
    const outputs = await this.readoutForward(false);
    const alpha = driftAlpha(baseline, compensation.plugin.readout(compensation.params, outputs, this.cols, this.rows), compensation.plugin.kind);
    await this.mutateState((s) => {
      s.aux[INFERENCE_ALPHA_KEY] = alpha;
    });
    this.alpha = alpha;
  }

  /** The drift-compensation scale of the eval outputs: one value, or one per output (a copy). */
  getDriftAlpha(): Float32Array {
    return this.alpha ? this.alpha.slice() : Float32Array.of(1);
  }

  /** Whether programWeights() has run since the weights were last set. */
  async isProgrammed(): Promise<boolean> {
    this.assertLive();
    return readProgrammedState((await this.backend.readTile(this.handle)).aux) !== null;
  }

  /** The tile's forward outputs [cols, rows] for one-hot inputs over all physical columns (analog bias included). */
  private async readoutForward(perfect: boolean): Promise<Float32Array> {
    let io = this.forwardIO;
    if (perfect) {
      io = this.forwardIO.copy();
      io.is_perfect = true;
    }
    return this.runtime.runKernel(this.backend, 'ForwardMvm', { tile: this.handle, x: oneHotInputs(this.cols), batch: this.cols }, { io, rng: this.rng });
  }

  private noiseModel(): { model: InferenceNoiseModel; params: BaseNoiseModel } {
    const params = this.rpuConfig.noise_model;
    return { model: this.runtime.noiseModels.forParameters(params), params };
  }

  private compensation(): BoundCompensation | null {
    const params = this.rpuConfig.drift_compensation;
    return params === null ? null : { plugin: this.runtime.driftCompensations.forParameters(params), params };
  }

  // ---- hardware-aware training ----------------------------------------------------------

  override async postUpdateStep(): Promise<void> {
    await super.postUpdateStep();
    const { clip, remap, modifier } = this.rpuConfig;
    if (clip.type !== WeightClipType.NONE) {
      await this.runtime.runKernel(this.backend, 'ClipWeights', { tile: this.handle }, { clip });
    }
    if (remap.type !== WeightRemapType.NONE) {
      const scales = this.mappingScales ?? new Float32Array(this.outSize).fill(1);
      this.mappingScales = await this.runtime.runKernel(this.backend, 'RemapWeights', { tile: this.handle, scales }, { remap });
    }
    if (this.modifierActive) {
      const state = await this.backend.readTile(this.handle);
      state.weights = await this.runtime.runKernel(
        this.backend,
        'ModifyWeights',
        { weights: state.weights, rows: this.rows, cols: this.cols },
        { modifier, rng: this.rng, hasAnalogBias: this.analogBias },
      );
      if (this.modifiedHandle) await this.backend.writeTile(this.modifiedHandle, state);
      else this.modifiedHandle = this.backend.allocateTile(state);
    }
  }

  protected override forwardHandle(options: ForwardOptions): TileHandle {
    if (!this.modifiedHandle) return this.handle;
    if (options.isTest && !this.rpuConfig.modifier.enable_during_test) return this.handle;
    return this.modifiedHandle;
  }

  // ---- state ----------------------------------------------------------------------------

  /**
   * Writing weights drops the modified copy (the next forward uses the new weights as they are)
   * and the programming: the next programWeights() starts from these weights, and alpha is 1.
   */
  protected override async writeWeights(physical: Float32Array): Promise<void> {
    await super.writeWeights(physical);
    await this.mutateState((state) => clearInferenceAux(state.aux));
    this.alpha = null;
    this.dropModifiedCopy();
  }

  /** Adds the weight-modifier copy, so that a restored tile trains on the same modified weights. */
  override async dumpExtra(): Promise<TileExtra> {
    const extra = await super.dumpExtra();
    if (this.modifiedHandle) extra.modified_weights = Array.from((await this.backend.readTile(this.modifiedHandle)).weights);
    return extra;
  }

  /**
   * Also restores the programming (reference, programmed state, baseline, alpha) and the
   * weight-modifier copy, or drops them when `extra` has none.
   */
  override async loadExtra(extra: TileExtra, strict = false): Promise<void> {
    this.assertLive();
    checkExtraInferenceAux((extra as { aux?: unknown } | null)?.aux, this.rows * this.cols, this.outSize);
    await super.loadExtra(extra, strict);
    await this.mutateState((state) => {
      for (const key of Object.keys(state.aux)) if (key.startsWith('inference.') && !(key in extra.aux)) delete state.aux[key];
      this.alpha = state.aux[INFERENCE_ALPHA_KEY]?.slice() ?? null;
    });
    this.dropModifiedCopy();
    if (extra.modified_weights) {
      const state = await this.backend.readTile(this.handle);
      state.weights = Float32Array.from(extra.modified_weights);
      this.modifiedHandle = this.backend.allocateTile(state);
    }
  }

  /** Moves the weight-modifier copy along with the tile. */
  protected override async moveHandles(target: ComputeBackend): Promise<void> {
    const modified = this.modifiedHandle ? await this.backend.readTile(this.modifiedHandle) : null;
    this.dropModifiedCopy();
    await super.moveHandles(target);
    if (modified) this.modifiedHandle = target.allocateTile(modified);
  }

  override dispose(): void {
    this.dropModifiedCopy();
    super.dispose();
  }

  private dropModifiedCopy(): void {
    if (this.modifiedHandle) this.backend.disposeTile(this.modifiedHandle);
    this.modifiedHandle = null;
  }
}
