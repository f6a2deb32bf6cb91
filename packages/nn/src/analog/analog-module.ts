import { ShapeError, SingleRPUConfig, Tensor, type RPUConfig, type Runtime } from '@analogkit/core';
import { ModuleError } from '../errors.js';
import { layerRandom, uniformFanInInit } from '../layers/weight-init.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { addRowVector, sumRows } from '../tensor-math.js';
import { driftAnalogWeights, programAnalogWeights } from './inference-ops.js';
import { usesTileArray } from './split-sizes.js';
import { TileModule } from './tile-module.js';
import { TileModuleArray } from './tile-module-array.js';
import { defaultRuntime } from '../default-runtime.js';

export interface AnalogLayerOptions {
  /** A bias (default true): digital unless mapping.digital_bias is false (then an analog bias column). */
  bias?: boolean;
  /** Default: SingleRPUConfig() (ConstantStep device). The layer keeps its own copy. */
  rpuConfig?: RPUConfig;
  /** Default: nn's defaultRuntime(), with every built-in plugin. */
  runtime?: Runtime;
  /** Seed of the weight init and of the tiles' random sources (default: drawn from the runtime). */
  seed?: number;
  /** getWeights/setWeights read and program the tiles realistically unless forceExact (aihwkit's realistic_read_write). */
  realisticReadWrite?: boolean;
  /** Backend target of the tiles (default: the runtime's). */
  backend?: string;
}

/** The forward input as a matrix of rows [M, inSize] and what is needed to shape the results back. */
export interface LayerRows<L> {
  rows: Float32Array;
  m: number;
  layout: L;
}

/**
 * Base of the analog layers (aihwkit's AnalogModuleBase): the weight matrix lives on one tile or a
 * tile array (`analog_module`), the bias is digital (`bias`) unless the config asks for an analog
 * bias column. The tiles are created on the first forward (or `await layer.ready()`), then loaded
 * with torch-style initial weights. `getWeights`/`setWeights` are the way to read and write weights.
 */
export abstract class AnalogModule<L = unknown> extends Module {
  readonly outSize: number;
  readonly inSize: number;
  readonly realisticReadWrite: boolean;
  /** The digital bias, or null (no bias or an analog bias). */
  readonly bias: Parameter | null;
  protected readonly analogModule: TileModule | TileModuleArray;
  private pending: { weight: Tensor; bias: Tensor | null } | null;
  private initializing: Promise<void> | null = null;
  private layout: { value: L; m: number } | null = null;

  protected constructor(outSize: number, inSize: number, options: AnalogLayerOptions) {
    super();
    this.outSize = outSize;
    this.inSize = inSize;
    this.realisticReadWrite = options.realisticReadWrite ?? false;
    const runtime = options.runtime ?? defaultRuntime();
    const rpuConfig = (options.rpuConfig ?? new SingleRPUConfig()).copy();
    const rng = layerRandom(options.seed, runtime);
    const hasBias = options.bias ?? true;
    const array = usesTileArray(outSize, inSize, rpuConfig.mapping);
    const analogBias = hasBias && !array && !rpuConfig.mapping.digital_bias;
    this.pending = {
      weight: new Tensor(uniformFanInInit(outSize * inSize, inSize, rng), [outSize, inSize]),
      bias: hasBias ? new Tensor(uniformFanInInit(outSize, inSize, rng)) : null,
    };
    const backend = options.backend !== undefined ? { backend: options.backend } : {};
    this.analogModule = this.registerModule(
      'analog_module',
      array
        ? new TileModuleArray({ runtime, rpuConfig, outSize, inSize, rng, ...backend })
        : new TileModule({ runtime, rpuConfig, outSize, inSize, analogBias, seed: rng.nextUint32(), ...backend }),
    );
    this.bias = hasBias && !analogBias ? this.registerParameter('bias', new Parameter(Tensor.zeros([outSize]))) : null;
  }

  /** The layer's rpu config (the one its tiles were built from). */
  get rpuConfig(): RPUConfig {
    return this.tileModules()[0]!.rpuConfig;
  }

  /** The tile modules (one, or the grid of a tile array row by row). */
  tileModules(): TileModule[] {
    const m = this.analogModule;
    return m instanceof TileModule ? [m] : m.grid.flat();
  }

  /** Shape of the weights as getWeights returns them ([out, in] for linear layers, [out, in, ...kernel] for convolutions). */
  protected abstract get weightShape(): number[];
  protected abstract toRows(x: Tensor): LayerRows<L>;
  protected abstract fromRows(y: Float32Array, layout: L, m: number): Tensor;
  protected abstract gradientRows(gradOutput: Tensor, layout: L, m: number): Float32Array;
  protected abstract toInputGradient(dx: Float32Array, layout: L, m: number): Tensor;

  protected override async buildOwn(): Promise<void> {
    if (!this.pending) return;
    this.initializing ??= (async () => {
      const initial = this.pending!;
      await this.writeWeights(initial.weight, initial.bias, this.realisticReadWrite);
      this.pending = null;
    })().finally(() => {
      this.initializing = null;
    });
    await this.initializing;
  }

  async forward(x: Tensor): Promise<Tensor> {
    await this.ready();
    const { rows, m, layout } = this.toRows(x);
    const y = await this.analogModule.forward(new Tensor(rows, [m, this.inSize]));
    if (this.bias) addRowVector(y.data, this.bias.data.data, m, this.outSize);
    this.layout = { value: layout, m };
    return this.fromRows(y.data, layout, m);
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    const cached = this.layout;
    if (!cached) throw new ModuleError(`${this.constructor.name}.backward() needs a forward() first.`);
    const d = this.gradientRows(gradOutput, cached.value, cached.m);
    if (this.bias?.requiresGrad) this.bias.accumulateGrad(sumRows(d, cached.m, this.outSize));
    const dx = await this.analogModule.backward(new Tensor(d, [cached.m, this.outSize]));
    return this.toInputGradient(dx.data, cached.value, cached.m);
  }

  // ---- weights --------------------------------------------------------------------------

  /**
   * The logical weights and bias (always copies). A realistic read (least squares on noisy
   * forwards, tile.readWeights) when the layer has realisticReadWrite, unless forceExact.
   */
  async getWeights(options: { forceExact?: boolean } = {}): Promise<[Tensor, Tensor | null]> {
    await this.ready();
    const realistic = this.realisticReadWrite && !options.forceExact;
    const m = this.analogModule;
    let weight: Tensor;
    let bias: Tensor | null = this.bias ? this.bias.data.clone() : null;
    if (m instanceof TileModule) {
      const [w, b] = await m.getWeights(realistic);
      weight = w;
      if (m.analogBias) bias = b;
    } else {
      weight = await m.getWeights(realistic);
    }
    return [weight.reshape(this.weightShape), bias];
  }

  /**
   * Sets the weights (shape [out, in] or the layer's weight shape) and bias. A realistic write
   * (tile.programWeights after the write) when the layer has realisticReadWrite, unless
   * forceExact. A null bias keeps the current one.
   */
  async setWeights(weight: Tensor, bias: Tensor | null = null, options: { forceExact?: boolean } = {}): Promise<void> {
    await this.ready();
    await this.writeWeights(weight, bias, this.realisticReadWrite && !options.forceExact);
  }

  private async writeWeights(weight: Tensor, bias: Tensor | null, realistic: boolean): Promise<void> {
    if (weight.size() !== this.outSize * this.inSize) {
      throw new ShapeError(`Weights must have shape [${this.weightShape.join(', ')}] (${this.outSize * this.inSize} values), got [${weight.shape.join(', ')}].`);
    }
    const m = this.analogModule;
    const analogBias = m instanceof TileModule && m.analogBias;
    if (bias !== null) {
      if (!this.bias && !analogBias) throw new ShapeError(`This ${this.constructor.name} has no bias; pass null.`);
      if (bias.size() !== this.outSize) throw new ShapeError(`Bias must have ${this.outSize} values, got ${bias.size()}.`);
    }
    const matrix = new Tensor(weight.data.slice(), [this.outSize, this.inSize]);
    if (m instanceof TileModule) {
      const tileBias = analogBias ? (bias ?? (await m.getWeights(false))[1]) : null;
      await m.setWeights(matrix, tileBias, realistic);
    } else {
      await m.setWeights(matrix, realistic);
    }
    if (bias !== null && this.bias) this.bias.assign(bias.data);
  }

  /** Programs the weights of the layer's inference tiles (eval mode only). */
  programAnalogWeights(): Promise<void> {
    return programAnalogWeights(this);
  }

  /** Programs (if needed) and drifts the layer's inference tiles to `tInference` seconds (eval mode only). */
  driftAnalogWeights(tInference = 0): Promise<void> {
    return driftAnalogWeights(this, tInference);
  }
}
