import type { ComputeBackend } from '../backends/compute-backend.js';
import type { TileHandle, TileState } from '../backends/tile-state.js';
import { AnalogContext } from '../context/analog-context.js';
import type { BoundDevice } from '../devices/device-model.js';
import { BackendUnavailableError, ConfigError, ShapeError, TileStateError } from '../errors.js';
import { DriftParameter, type SimpleDriftParameter } from '../parameters/drift-parameter.js';
import type { IOParameters } from '../parameters/io-parameters.js';
import type { ParameterBase } from '../parameters/parameter-base.js';
import type { UpdateParameters } from '../parameters/update-parameters.js';
import type { RandomSource } from '../random/random-source.js';
import { forwardOutBound } from '../reference/mvm/forward-out-bound.js';
import type { Runtime } from '../runtime/runtime.js';
import { Tensor } from '../tensor/tensor.js';
import { outerProductDelta, scaleFeatures, scaleRows } from './tile-math.js';
import { asTensor, fromKernelBatch, toKernelBatch } from './tile-io.js';
import type { SimulatorTile, WeightsAndBias } from './tile-api.js';
import { dumpTileExtra, loadTileExtra, type TileExtra } from './tile-extra.js';
import { programWeightsIteratively, readWeights, type ProgramWeightsOptions, type ReadWeightsOptions } from './realistic-weights.js';

/** What a concrete tile class decides from its rpu config. */
export interface TileSetup {
  runtime: Runtime;
  backend: ComputeBackend;
  handle: TileHandle;
  outSize: number;
  inSize: number;
  analogBias: boolean;
  inTrans: boolean;
  outTrans: boolean;
  rng: RandomSource;
  device: BoundDevice;
  forwardIO: IOParameters;
  backwardIO: IOParameters;
  update: UpdateParameters;
}

export interface ForwardOptions {
  /** Evaluation mode: inference tiles then use their clean weights (unless the modifier says otherwise). */
  isTest?: boolean;
}

const HIDDEN_INDEX_KEY = 'update.hidden_index';

/**
 * The behaviour every tile shares: MVMs, updates and time effects through the runtime's kernels,
 * weights with per-row digital scales, parameter dictionaries, extra state, and moving between
 * backends. The tile never hands out its internal arrays.
 */
export abstract class BaseTile<C extends ParameterBase = ParameterBase> implements SimulatorTile {
  readonly outSize: number;
  readonly inSize: number;
  readonly analogBias: boolean;
  readonly inTrans: boolean;
  readonly outTrans: boolean;
  readonly analogCtx: AnalogContext;
  protected readonly runtime: Runtime;
  protected backend: ComputeBackend;
  protected handle: TileHandle;
  protected readonly rng: RandomSource;
  protected readonly boundDevice: BoundDevice;
  protected readonly forwardIO: IOParameters;
  protected readonly backwardIO: IOParameters;
  protected readonly updateParameters: UpdateParameters;
  protected mappingScales: Float32Array | null = null;
  private learningRate = 0.01;
  private deltaWeights: Tensor | null = null;
  private disposed = false;

  protected constructor(
    readonly rpuConfig: C,
    setup: TileSetup,
  ) {
    this.runtime = setup.runtime;
    this.backend = setup.backend;
    this.handle = setup.handle;
    this.outSize = setup.outSize;
    this.inSize = setup.inSize;
    this.analogBias = setup.analogBias;
    this.inTrans = setup.inTrans;
    this.outTrans = setup.outTrans;
    this.rng = setup.rng;
    this.boundDevice = setup.device;
    this.forwardIO = setup.forwardIO;
    this.backwardIO = setup.backwardIO;
    this.updateParameters = setup.update;
    this.analogCtx = new AnalogContext(this);
  }

  get rows(): number {
    return this.handle.rows;
  }

  get cols(): number {
    return this.handle.cols;
  }

  get device(): string {
    return this.backend.device;
  }

  get isCuda(): boolean {
    return this.backend.isGpu;
  }

  get deviceParameters(): ParameterBase {
    return this.boundDevice.params;
  }

  // ---- MVMs and update: the kernels read the caller's tensors without copying them, so they
  // must not be modified until the returned promise settles.

  async forward(x: Tensor | number[] | number[][], options: ForwardOptions = {}): Promise<Tensor> {
    this.assertLive();
    const batch = toKernelBatch(asTensor(x, 'forward input'), this.inSize, this.inTrans, this.analogBias, 'forward input', this.kernelChecks('ForwardMvm'));
    const y = await this.runtime.runKernel(
      this.backend,
      'ForwardMvm',
      { tile: this.forwardHandle(options), x: batch.data, batch: batch.batch, checked: batch.checked },
      { io: this.forwardIO, rng: this.rng },
    );
    if (this.mappingScales) scaleFeatures(y, batch.batch, this.outSize, this.mappingScales, 'multiply');
    return fromKernelBatch(y, batch.batch, this.outSize, this.outTrans, batch.vector);
  }

  async backward(d: Tensor | number[] | number[][]): Promise<Tensor> {
    this.assertLive();
    // inputs to be scaled are checked here, before scaling (which can overflow a finite value)
    const kernelChecks = !this.mappingScales && this.kernelChecks('BackwardMvm');
    const batch = toKernelBatch(asTensor(d, 'backward input'), this.outSize, this.outTrans, false, 'backward input', kernelChecks);
    const scaled = this.mappingScales ? scaleFeatures(batch.data, batch.batch, this.outSize, this.mappingScales, 'multiply', new Float32Array(batch.data.length)) : batch.data;
    const z = await this.runtime.runKernel(
      this.backend,
      'BackwardMvm',
      { tile: this.forwardHandle({}), d: scaled, batch: batch.batch, checked: batch.checked },
      { io: this.backwardIO, rng: this.rng },
    );
    const out = this.analogBias ? dropLastColumn(z, batch.batch, this.cols) : z;
    return fromKernelBatch(out, batch.batch, this.inSize, this.inTrans, batch.vector);
  }

  /** The level of |y| above which the analog forward is clipped (the gradient is zeroed there), or null. */
  getForwardOutBound(): number | null {
    return forwardOutBound(this.forwardIO);
  }

  /** Sets d to 0 where the forward output reached the output bound (what the C++ tiles do before backward). */
  maskGradientAtOutBound(forwardOutput: Tensor, d: Tensor): Tensor {
    const bound = this.getForwardOutBound();
    if (bound === null) return d;
    if (forwardOutput.size() !== d.size()) {
      throw new ShapeError(`Forward output (${forwardOutput.size()} values) and gradient (${d.size()} values) differ in size.`);
    }
    const out = d.clone();
    const scales = this.mappingScales;
    for (let i = 0; i < out.data.length; i++) {
      const row = this.outTrans ? Math.floor(i / (d.size() / this.outSize)) : i % this.outSize;
      const tileY = scales ? forwardOutput.data[i]! / scales[row]! : forwardOutput.data[i]!;
      if (Math.abs(tileY) >= bound) out.data[i] = 0;
    }
    return out;
  }

  // ---- update ---------------------------------------------------------------------------

  setLearningRate(lr: number): void {
    if (!Number.isFinite(lr) || lr < 0) throw new ConfigError(`Learning rate must be a finite number >= 0, got ${lr}.`, 'lr');
    this.learningRate = lr;
  }

  getLearningRate(): number {
    return this.learningRate;
  }

  /** One update with a batch of inputs x [batch, in] and errors d [batch, out]: W -= lr d x^T in expectation. */
  async update(x: Tensor | number[] | number[][], d: Tensor | number[] | number[][], lr = this.learningRate): Promise<void> {
    this.assertLive();
    if (!Number.isFinite(lr) || lr < 0) throw new ConfigError(`Learning rate must be a finite number >= 0, got ${lr}.`, 'lr');
    const xb = toKernelBatch(asTensor(x, 'update input x'), this.inSize, this.inTrans, this.analogBias, 'update input x');
    const db = toKernelBatch(asTensor(d, 'update error d'), this.outSize, this.outTrans, false, 'update error d');
    if (xb.batch !== db.batch) throw new ShapeError(`update: x has batch ${xb.batch} but d has batch ${db.batch}; they must match.`);
    const errors = this.mappingScales ? scaleFeatures(db.data, db.batch, this.outSize, this.mappingScales, 'divide', new Float32Array(db.data.length)) : db.data;
    if (lr === 0) return;
    if (this.deltaWeights) {
      outerProductDelta(this.deltaWeights.data, xb.data, errors, xb.batch, this.rows, this.cols, lr);
      return;
    }
    await this.runtime.runKernel(
      this.backend,
      'PulsedUpdate',
      { tile: this.handle, x: xb.data, d: errors, batch: xb.batch },
      { update: this.updateParameters, lr, device: this.boundDevice, rng: this.rng },
    );
  }

  /**
   * Routes updates into `delta` (shape [out, in(+1)]) as `-lr d x^T` instead of changing the
   * weights, so that a digital optimizer can apply them (aihwkit's shared-weights path).
   */
  setDeltaWeights(delta: Tensor): void {
    if (delta.size() !== this.rows * this.cols || delta.readOnly) {
      throw new ShapeError(`Delta weights must be a writable tensor of ${this.rows}x${this.cols} values, got [${delta.shape.join(', ')}].`);
    }
    this.deltaWeights = delta;
  }

  resetDeltaWeights(): void {
    this.deltaWeights = null;
  }

  /** The device index the next update goes to (compounds advance it themselves). */
  async getHiddenUpdateIndex(): Promise<number> {
    this.assertLive();
    const state = await this.backend.readTile(this.handle);
    return state.aux[HIDDEN_INDEX_KEY]?.[0] ?? 0;
  }

  async setHiddenUpdateIndex(index: number): Promise<void> {
    if (!Number.isInteger(index) || index < 0) {
      throw new ConfigError(`Hidden update index must be an integer >= 0, got ${index}.`, 'hidden_update_index');
    }
    await this.mutateState((state) => {
      state.aux[HIDDEN_INDEX_KEY] = Float32Array.of(index);
    });
  }

  // ---- weights --------------------------------------------------------------------------

  async getWeights(): Promise<WeightsAndBias> {
    this.assertLive();
    const state = await this.backend.readTile(this.handle);
    const w = new Float32Array(this.outSize * this.inSize);
    const bias = this.analogBias ? new Float32Array(this.outSize) : null;
    for (let i = 0; i < this.outSize; i++) {
      const s = this.mappingScales ? this.mappingScales[i]! : 1;
      for (let j = 0; j < this.inSize; j++) w[i * this.inSize + j] = state.weights[i * this.cols + j]! * s;
      if (bias) bias[i] = state.weights[i * this.cols + this.inSize]! * s;
    }
    return [new Tensor(w, [this.outSize, this.inSize]), bias ? new Tensor(bias, [this.outSize]) : null];
  }

  /**
   * Writes the weights [out, in] (and the analog bias [out] when the tile has one). With
   * `weightScalingOmega > 0` the weights are stored divided by `max|W|/omega` (per row when
   * `columnwise`) and that factor becomes the tile's digital scale; otherwise the scales reset to 1.
   * Device bounds are applied (clipping) as on a real write.
   */
  async setWeights(
    weights: Tensor | number[][],
    bias: Tensor | number[] | null = null,
    options: { weightScalingOmega?: number; columnwise?: boolean } = {},
  ): Promise<void> {
    this.assertLive();
    const w = asTensor(weights, 'weights');
    if (w.rank !== 2 || w.shape[0] !== this.outSize || w.shape[1] !== this.inSize) {
      throw new ShapeError(`Weights must have shape [${this.outSize}, ${this.inSize}], got [${w.shape.join(', ')}].`);
    }
    const b = bias === null ? null : asTensor(bias, 'bias');
    if (b && !this.analogBias) {
      throw new ShapeError('This tile has no analog bias column; create it with { bias: true } or keep the bias digital.');
    }
    if (b && b.size() !== this.outSize) throw new ShapeError(`Bias must have ${this.outSize} values, got ${b.size()}.`);
    for (const t of b ? [w, b] : [w]) {
      if (!t.data.every(Number.isFinite)) throw new ShapeError('Weights and bias must be finite numbers.');
    }
    const physical = new Float32Array(this.rows * this.cols);
    for (let i = 0; i < this.outSize; i++) {
      physical.set(w.data.subarray(i * this.inSize, (i + 1) * this.inSize), i * this.cols);
      if (this.analogBias) physical[i * this.cols + this.inSize] = b ? b.data[i]! : 0;
    }
    const scales = weightScales(physical, this.rows, this.cols, options.weightScalingOmega ?? 0, options.columnwise ?? false);
    if (scales) scaleRows(physical, this.rows, this.cols, scales, 'divide');
    await this.writeWeights(physical);
    this.mappingScales = scales;
  }

  /**
   * A realistic read: least-squares estimate of the weights (and analog bias) from noisy eval
   * forwards of Gaussian inputs. Compare with getWeights(), which is exact.
   */
  readWeights(options: ReadWeightsOptions = {}): Promise<WeightsAndBias> {
    this.assertLive();
    return readWeights(this, this.rng, options);
  }

  /**
   * Programs the current weights into the devices by closed-loop pulsed updates (write-verify),
   * starting from small random weights; returns the iterations used.
   */
  async programWeights(options: ProgramWeightsOptions = {}): Promise<number> {
    this.assertLive();
    return programWeightsIteratively(this, this.rng, options);
  }

  /** Per-row digital scales (a copy), or null when all are 1. */
  getMappingScales(): Float32Array | null {
    return this.mappingScales ? this.mappingScales.slice() : null;
  }

  setMappingScales(scales: Float32Array | number[] | null): void {
    if (scales === null) {
      this.mappingScales = null;
      return;
    }
    if (scales.length !== this.outSize || !Array.from(scales).every((v) => Number.isFinite(v) && v > 0)) {
      throw new ShapeError(`Mapping scales must be ${this.outSize} finite positive numbers.`);
    }
    this.mappingScales = Float32Array.from(scales);
  }

  protected async writeWeights(physical: Float32Array): Promise<void> {
    await this.mutateState((state) => {
      state.weights.set(physical);
      this.applyDeviceBounds(state);
    });
  }

  protected applyDeviceBounds(state: TileState): void {
    this.boundDevice.model.applyBounds(this.boundDevice.params, state, this.rng);
  }

  /** Hidden per-device parameters by aihwkit's names (copies). */
  async getHiddenParameters(): Promise<Record<string, Tensor>> {
    const state = await this.backend.readTile(this.handle);
    const out: Record<string, Tensor> = {};
    for (const [k, v] of Object.entries(state.hidden)) out[k] = new Tensor(v.slice(), v.length === this.rows * this.cols ? [this.rows, this.cols] : [v.length]);
    return out;
  }

  async setHiddenParameters(params: Record<string, Tensor>): Promise<void> {
    const state = await this.backend.readTile(this.handle);
    for (const [k, t] of Object.entries(params)) {
      const cur = state.hidden[k];
      if (!cur) throw new TileStateError(`Unknown hidden parameter "${k}". This tile has: ${Object.keys(state.hidden).join(', ') || '(none)'}.`);
      if (t.size() !== cur.length) throw new ShapeError(`Hidden parameter "${k}" needs ${cur.length} values, got ${t.size()}.`);
    }
    for (const [k, t] of Object.entries(params)) state.hidden[k] = t.data.slice();
    await this.backend.writeTile(this.handle, state);
  }

  // ---- time effects ---------------------------------------------------------------------

  async decayWeights(alpha = 1): Promise<void> {
    this.assertLive();
    if (!Number.isFinite(alpha)) throw new ConfigError(`Decay alpha must be finite, got ${alpha}.`, 'alpha');
    await this.runtime.runKernel(this.backend, 'DecayWeights', { tile: this.handle }, { alpha, device: this.boundDevice, rng: this.rng });
  }

  async diffuseWeights(): Promise<void> {
    this.assertLive();
    await this.runtime.runKernel(this.backend, 'DiffuseWeights', { tile: this.handle }, { device: this.boundDevice, rng: this.rng });
  }

  /** One drift step of `deltaT` (in units of the drift parameter's t_0) with the device's drift parameters. */
  async driftWeights(deltaT = 1): Promise<void> {
    this.assertLive();
    if (!Number.isFinite(deltaT) || deltaT < 0) throw new ConfigError(`Drift deltaT must be a finite number >= 0, got ${deltaT}.`, 'delta_t');
    // Devices without drift parameters drift only when their model brings its own drift (compounds).
    const drift = (this.boundDevice.params as { drift?: DriftParameter | SimpleDriftParameter }).drift;
    if (!drift && !this.boundDevice.model.drift) return;
    await this.runtime.runKernel(
      this.backend,
      'DriftWeights',
      { tile: this.handle },
      { deltaT, drift: drift ?? new DriftParameter(), device: this.boundDevice, rng: this.rng },
    );
  }

  async reset(resetProb = 1): Promise<void> {
    await this.resetColumns(0, this.cols, resetProb);
  }

  /** Resets `numColumns` columns from `startColumn` (wrapping around) with probability `resetProb` each. */
  async resetColumns(startColumn = 0, numColumns = 1, resetProb = 1): Promise<void> {
    this.assertLive();
    if (!Number.isInteger(startColumn) || startColumn < 0 || startColumn >= this.cols) {
      throw new ConfigError(`Reset start column must be an integer in [0, ${this.cols - 1}], got ${startColumn}.`, 'start_column_idx');
    }
    if (!Number.isInteger(numColumns) || numColumns < 0) throw new ConfigError(`Number of columns must be an integer >= 0, got ${numColumns}.`, 'num_columns');
    if (!(resetProb >= 0 && resetProb <= 1)) throw new ConfigError(`Reset probability must be in [0, 1], got ${resetProb}.`, 'reset_prob');
    await this.runtime.runKernel(
      this.backend,
      'ResetColumns',
      { tile: this.handle },
      { start: startColumn, count: numColumns, prob: resetProb, device: this.boundDevice, rng: this.rng },
    );
  }

  /** Once per mini-batch: diffusion (if any), then decay (if any). Drift is never automatic. */
  async postUpdateStep(): Promise<void> {
    const { model, params } = this.boundDevice;
    const p = params as { diffusion?: number; lifetime?: number };
    if (model.needsDiffusion ? model.needsDiffusion(params) : (p.diffusion ?? 0) > 0) await this.diffuseWeights();
    if (model.needsDecay ? model.needsDecay(params) : (p.lifetime ?? 0) > 0) await this.decayWeights(1);
  }

  // ---- parameter dictionaries -----------------------------------------------------------

  getForwardParameters(): Promise<Record<string, Tensor>> {
    return this.readAuxGroup('forward.');
  }

  setForwardParameters(params: Record<string, Tensor | number[]>): Promise<void> {
    return this.writeAuxGroup('forward.', params);
  }

  getBackwardParameters(): Promise<Record<string, Tensor>> {
    return this.readAuxGroup('backward.');
  }

  setBackwardParameters(params: Record<string, Tensor | number[]>): Promise<void> {
    return this.writeAuxGroup('backward.', params);
  }

  private async readAuxGroup(prefix: string): Promise<Record<string, Tensor>> {
    this.assertLive();
    const state = await this.backend.readTile(this.handle);
    const out: Record<string, Tensor> = {};
    for (const [k, v] of Object.entries(state.aux)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = new Tensor(v.slice());
    return out;
  }

  private async writeAuxGroup(prefix: string, params: Record<string, Tensor | number[]>): Promise<void> {
    this.assertLive();
    const state = await this.backend.readTile(this.handle);
    const values: Record<string, Float32Array> = {};
    for (const [name, value] of Object.entries(params)) {
      const data = value instanceof Tensor ? value.data : Float32Array.from(value);
      const cur = state.aux[prefix + name];
      if (!cur) {
        const known = Object.keys(state.aux).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
        throw new TileStateError(`Unknown ${prefix.slice(0, -1)} parameter "${name}". This tile has: ${known.join(', ') || '(none)'}.`);
      }
      if (data.length !== cur.length) throw new ShapeError(`${prefix}${name} needs ${cur.length} values, got ${data.length}.`);
      if (!data.every(Number.isFinite)) throw new ShapeError(`${prefix}${name} must contain finite numbers only.`);
      values[prefix + name] = Float32Array.from(data);
    }
    Object.assign(state.aux, values);
    await this.backend.writeTile(this.handle, state);
  }

  // ---- extra state ----------------------------------------------------------------------

  /** Everything beyond weights and hidden parameters needed to continue exactly: RNG, clocks, running values. */
  async dumpExtra(): Promise<TileExtra> {
    this.assertLive();
    const state = await this.backend.readTile(this.handle);
    return dumpTileExtra(state, this.rng, this.learningRate, this.mappingScales);
  }

  async loadExtra(extra: TileExtra, strict = false): Promise<void> {
    this.assertLive();
    const state = await this.backend.readTile(this.handle);
    const loaded = loadTileExtra(extra, state, strict, this.outSize);
    await this.backend.writeTile(this.handle, loaded.state);
    this.rng.setState(loaded.rngState);
    this.learningRate = loaded.learningRate;
    this.mappingScales = loaded.mappingScales;
  }

  // ---- placement ------------------------------------------------------------------------

  /** Moves weights, hidden parameters and extra state to another backend (`reference`, `onnx:cpu`, ...). */
  async to(device: string): Promise<this> {
    this.assertLive();
    const target = await this.runtime.backend(device);
    if (target === this.backend) return this;
    await this.moveHandles(target);
    return this;
  }

  /** Moves to the best GPU target; throws when no GPU backend works on this machine. */
  async cuda(): Promise<this> {
    this.assertLive();
    if (this.isCuda) return this;
    const failures: { backend: string; reason: string }[] = [];
    for (const device of this.runtime.backends.gpuDevices()) {
      try {
        return await this.to(device);
      } catch (err) {
        failures.push({ backend: device, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    throw new BackendUnavailableError(
      failures.length
        ? `No GPU target works here: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}.`
        : 'No GPU target is registered. Register a GPU-capable backend (e.g. @analogkit/backend-onnx with the CUDA provider installed) first.',
      failures,
    );
  }

  protected async moveHandles(target: ComputeBackend): Promise<void> {
    const state = await this.backend.readTile(this.handle);
    const handle = target.allocateTile(state);
    this.backend.disposeTile(this.handle);
    this.backend = target;
    this.handle = handle;
  }

  dispose(): void {
    if (this.disposed) return;
    this.backend.disposeTile(this.handle);
    this.disposed = true;
  }

  // ---- helpers for subclasses -----------------------------------------------------------

  /** Whether this tile's backend runs `kernel` natively with its own check of non-finite inputs. */
  private kernelChecks(kernel: 'ForwardMvm' | 'BackwardMvm'): boolean {
    return this.runtime.kernels.native(this.backend.name, kernel)?.checksFiniteInputs === true;
  }

  /** The handle forward/backward MVMs read; inference tiles override it for the modified copy. */
  protected forwardHandle(_options: ForwardOptions): TileHandle {
    return this.handle;
  }

  protected async mutateState(change: (state: TileState) => void): Promise<void> {
    const state = await this.backend.readTile(this.handle);
    change(state);
    await this.backend.writeTile(this.handle, state);
  }

  protected assertLive(): void {
    if (this.disposed) throw new TileStateError('This tile was disposed; create a new tile.');
  }
}

function dropLastColumn(z: Float32Array, batch: number, cols: number): Float32Array {
  const out = new Float32Array(batch * (cols - 1));
  for (let b = 0; b < batch; b++) out.set(z.subarray(b * cols, b * cols + cols - 1), b * (cols - 1));
  return out;
}

function weightScales(w: Float32Array, rows: number, cols: number, omega: number, columnwise: boolean): Float32Array | null {
  if (!(omega > 0)) return null;
  const scales = new Float32Array(rows);
  let global = 0;
  for (let i = 0; i < rows; i++) {
    let m = 0;
    for (let j = 0; j < cols; j++) m = Math.max(m, Math.abs(w[i * cols + j]!));
    scales[i] = m;
    global = Math.max(global, m);
  }
  for (let i = 0; i < rows; i++) {
    const amax = columnwise ? scales[i]! : global;
    scales[i] = amax > 0 ? amax / omega : 1;
  }
  return scales;
}
