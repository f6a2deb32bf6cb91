import { ConfigError, createTile, ShapeError, Tensor, type RPUConfig, type Runtime, type Tile } from '@analogkit/core';
import { ModuleError, StateDictError } from '../errors.js';
import { Module, type LoadStateDictOptions, type PreparedState } from '../module.js';
import { Parameter } from '../parameter.js';
import type { StateDict } from '../state-dict.js';
import { InputRange } from './input-range.js';
import { writePhysicalWeights } from './physical-weights.js';
import { ANALOG_TILE_STATE, parseRpuConfig, readSavedTile, saveTileState, type SavedTile } from './tile-state-entries.js';

export interface TileModuleOptions {
  runtime: Runtime;
  /** The layer's config; the tile keeps its own copy. */
  rpuConfig: RPUConfig;
  outSize: number;
  inSize: number;
  /** An analog bias column on the tile (the digital bias lives in the layer). */
  analogBias: boolean;
  /** Seed of the tile's random source. */
  seed: number;
  /** Backend target of the tile (default: the runtime's). */
  backend?: string;
}

interface ForwardCache {
  xRaw: Float32Array;
  xTile: Tensor;
  yTile: Tensor;
  /** The output before the learned out-scales (for their gradient). */
  yUnscaled: Float32Array | null;
}

/**
 * One analog tile with its digital periphery (aihwkit's TileModule with TileWithPeriphery): the
 * input range (clip and divide before the tile, multiply after), the tile's mapping scales
 * (weight_scaling_omega, applied by the tile), and the learned out-scales. Works on matrices
 * [M, inSize] -> [M, outSize]. The tile is created on the first ready().
 */
export class TileModule extends Module {
  readonly outSize: number;
  readonly inSize: number;
  readonly analogBias: boolean;
  readonly inputRange: InputRange | null;
  readonly outScales: Parameter | null;
  private config: RPUConfig;
  private backendTarget: string | undefined;
  private tileRef: Tile | null = null;
  private building: Promise<void> | null = null;
  private cache: ForwardCache | null = null;

  constructor(private readonly options: TileModuleOptions) {
    super();
    this.outSize = options.outSize;
    this.inSize = options.inSize;
    this.analogBias = options.analogBias;
    this.config = options.rpuConfig;
    this.backendTarget = options.backend;
    const ir = this.config.pre_post.input_range;
    if (ir.enable && ir.manage_output_clipping) {
      throw new ConfigError('InputRangeParameter.manage_output_clipping is not supported by analogkit tiles; set it to false.', 'InputRangeParameter.manage_output_clipping');
    }
    this.inputRange = ir.enable ? new InputRange(ir) : null;
    if (this.inputRange) this.registerParameter('input_range', this.inputRange.parameter);
    const mapping = this.config.mapping;
    this.outScales = mapping.learn_out_scaling
      ? this.registerParameter('out_scaling_alpha', new Parameter(Tensor.fill([mapping.out_scaling_columnwise ? this.outSize : 1], 1)))
      : null;
  }

  get rpuConfig(): RPUConfig {
    return this.config;
  }

  /** The tile; throws before ready(). */
  get tile(): Tile {
    if (!this.tileRef) throw new ModuleError('The analog tile is created lazily: await layer.ready() (or run a forward) first.');
    return this.tileRef;
  }

  protected override ownAnalogTiles(): Tile[] {
    return this.tileRef ? [this.tileRef] : [];
  }

  protected override async buildOwn(): Promise<void> {
    if (this.tileRef) return;
    this.building ??= createTile(this.options.runtime, this.outSize, this.inSize, this.config, {
      bias: this.analogBias,
      seed: this.options.seed,
      ...(this.backendTarget !== undefined ? { backend: this.backendTarget } : {}),
    })
      .then((tile) => {
        this.tileRef = tile;
      })
      .finally(() => {
        this.building = null;
      });
    await this.building;
  }

  protected override async moveOwnTo(device: string | null): Promise<void> {
    const tile = this.tile;
    if (device === null) await tile.cuda();
    else await tile.to(device);
    this.backendTarget = tile.device;
  }

  // ---- forward / backward ---------------------------------------------------------------

  async forward(x: Tensor): Promise<Tensor> {
    const tile = this.tile;
    if (x.rank !== 2 || x.shape[1] !== this.inSize) {
      throw new ShapeError(`Tile input must have shape [M, ${this.inSize}], got [${x.shape.join(', ')}].`);
    }
    const m = x.shape[0]!;
    const ir = this.inputRange;
    if (ir && this.training) ir.calibrate(x.data);
    const xTile = new Tensor(ir ? ir.apply(x.data) : x.data.slice(), [m, this.inSize]);
    const yTile = await tile.forward(xTile, { isTest: !this.training });
    const y = yTile.data.slice();
    if (ir) {
      const r = ir.value;
      for (let i = 0; i < y.length; i++) y[i] = y[i]! * r;
    }
    let yUnscaled: Float32Array | null = null;
    if (this.outScales) {
      yUnscaled = y.slice();
      this.scaleColumns(y, this.outScales.data.data);
    }
    this.cache = { xRaw: x.data, xTile, yTile, yUnscaled };
    return new Tensor(y, [m, this.outSize]);
  }

  /**
   * The input gradient through the tile's backward MVM (zeroed where the forward output hit the
   * output bound); stores the tile input and output gradient on the tile's context for the
   * optimizer, and accumulates the gradients of the input range and out-scales.
   */
  async backward(gradOutput: Tensor): Promise<Tensor> {
    const c = this.cache;
    if (!c) throw new ModuleError('Analog backward() needs a forward() first.');
    if (gradOutput.size() !== c.yTile.size()) {
      throw new ShapeError(`Tile output gradient must have shape [${c.yTile.shape.join(', ')}], got [${gradOutput.shape.join(', ')}].`);
    }
    const tile = this.tile;
    let d = gradOutput.data;
    if (this.outScales && c.yUnscaled) {
      const s = this.outScales.data.data;
      const grad = new Float64Array(s.length);
      for (let i = 0; i < d.length; i++) grad[s.length === 1 ? 0 : i % this.outSize] += d[i]! * c.yUnscaled[i]!;
      this.outScales.accumulateGrad(Float32Array.from(grad));
      d = d.slice();
      this.scaleColumns(d, s);
    }
    const dTile = new Tensor(d === gradOutput.data ? d.slice() : d, c.yTile.shape);
    const dx = await tile.backward(tile.maskGradientAtOutBound(c.yTile, dTile));
    this.inputRange?.accumulateGradient(c.xRaw, dx.data);
    tile.analogCtx.storeTrace(c.xTile, dTile);
    return dx;
  }

  private scaleColumns(data: Float32Array, scales: Float32Array): void {
    if (scales.length === 1) {
      for (let i = 0; i < data.length; i++) data[i] = data[i]! * scales[0]!;
      return;
    }
    for (let i = 0; i < data.length; i++) data[i] = data[i]! * scales[i % this.outSize]!;
  }

  // ---- weights --------------------------------------------------------------------------

  /** The logical weights [out, in] (and analog bias): device weights times mapping scales and learned out-scales. */
  async getWeights(realistic: boolean): Promise<[Tensor, Tensor | null]> {
    const [w, b] = realistic ? await this.tile.readWeights() : await this.tile.getWeights();
    if (this.outScales) {
      const s = this.outScales.data.data;
      for (let i = 0; i < w.data.length; i++) w.data[i] = w.data[i]! * s[s.length === 1 ? 0 : Math.floor(i / this.inSize)]!;
      if (b) for (let i = 0; i < b.data.length; i++) b.data[i] = b.data[i]! * s[s.length === 1 ? 0 : i]!;
    }
    return [w, b];
  }

  /**
   * Writes logical weights [out, in] (and the analog bias) with the config's weight scaling; the
   * learned out-scales restart at 1. `realistic` then programs them (programWeights of the tile).
   */
  async setWeights(weight: Tensor, bias: Tensor | null, realistic: boolean): Promise<void> {
    const mapping = this.config.mapping;
    await this.tile.setWeights(weight, this.analogBias ? (bias ?? Tensor.zeros([this.outSize])) : null, {
      weightScalingOmega: mapping.weight_scaling_omega,
      columnwise: mapping.weight_scaling_columnwise,
    });
    this.outScales?.data.fillInPlace(1);
    if (realistic) await this.tile.programWeights();
  }

  // ---- state ----------------------------------------------------------------------------

  protected override async saveOwnState(dict: StateDict, prefix: string): Promise<void> {
    await super.saveOwnState(dict, prefix);
    await saveTileState(this.tile, dict, prefix, this.inputRange?.updateIndex ?? 0);
  }

  /** Builds a new tile from the saved state (and config, unless loadRpuConfig is false); the old one is replaced on commit. */
  protected override async prepareOwnState(dict: StateDict, prefix: string, options: Required<LoadStateDictOptions>): Promise<PreparedState> {
    const params = await super.prepareOwnState(dict, prefix, options);
    const key = prefix + ANALOG_TILE_STATE;
    const saved = readSavedTile(dict, prefix);
    if (!saved) {
      if (options.strict) throw new StateDictError(`Missing key "${key}" (the analog tile state). Load with { strict: false } to keep the current tile.`);
      return params;
    }
    if (saved.outSize !== this.outSize || saved.inSize !== this.inSize || saved.analogBias !== this.analogBias) {
      throw new StateDictError(
        `State entry "${key}" is a ${saved.outSize}x${saved.inSize} tile${saved.analogBias ? ' with analog bias' : ''}; this layer needs ${this.outSize}x${this.inSize}${this.analogBias ? ' with analog bias' : ''}.`,
      );
    }
    const savedConfig = parseRpuConfig(saved.rpuConfig, this.options.runtime, key);
    if (!options.loadRpuConfig && savedConfig.className !== this.config.className) {
      throw new StateDictError(`State entry "${key}" was saved with ${savedConfig.className}; this layer uses ${this.config.className} and loadRpuConfig is false.`);
    }
    const config = options.loadRpuConfig ? savedConfig : this.config;
    checkSameStructure(savedConfig, this.config, key);
    const tile = await this.restoreTile(config, saved, key, options.strict);
    return {
      keys: [...params.keys, ...saved.keys],
      commit: () => {
        params.commit();
        this.tileRef?.dispose();
        this.tileRef = tile;
        this.config = config;
        this.cache = null;
        if (this.inputRange) {
          this.inputRange.setParameters(config.pre_post.input_range);
          this.inputRange.updateIndex = saved.inputRangeUpdateIndex;
        }
      },
      abort: () => {
        params.abort();
        tile.dispose();
      },
    };
  }

  private async restoreTile(config: RPUConfig, saved: SavedTile, key: string, strict: boolean): Promise<Tile> {
    const target = this.tileRef?.device ?? this.backendTarget;
    const tile = await createTile(this.options.runtime, this.outSize, this.inSize, config, {
      bias: this.analogBias,
      seed: 0,
      ...(target !== undefined ? { backend: target } : {}),
    });
    try {
      const names = Object.keys(await tile.getHiddenParameters());
      const missing = names.filter((n) => !saved.hiddenNames.includes(n));
      const unknown = saved.hiddenNames.filter((n) => !names.includes(n));
      if (missing.length || unknown.length) {
        throw new StateDictError(
          `State entry "${key}" lists hidden parameters [${saved.hiddenNames.join(', ')}], but its device needs [${names.join(', ')}].`,
        );
      }
      await tile.setHiddenParameters(saved.hidden);
      await writePhysicalWeights(tile, saved.weights);
      await tile.loadExtra(saved.extra, strict);
      return tile;
    } catch (err) {
      tile.dispose();
      if (err instanceof StateDictError) throw err;
      throw new StateDictError(`State entry "${key}" does not fit its tile: ${(err as Error).message}`);
    }
  }

  /** A copy with its own tile, restored from this one's state. */
  override async copy(): Promise<this> {
    await this.ready();
    const dict: StateDict = {};
    await this.saveOwnState(dict, '');
    const clone = new TileModule({ ...this.options, rpuConfig: this.config, ...(this.tileRef ? { backend: this.tileRef.device } : {}) });
    clone.training = this.training;
    const prepared = await clone.prepareOwnState(dict, '', { strict: true, loadRpuConfig: true });
    prepared.commit();
    return clone as this;
  }
}

/**
 * Rejects a saved config that would change the layer's structure: the tile-size limits (the tile
 * grid), the bias kind, and which periphery parameters exist.
 */
function checkSameStructure(saved: RPUConfig, current: RPUConfig, key: string): void {
  const shape = (c: RPUConfig) => ({
    max_input_size: c.mapping.max_input_size,
    max_output_size: c.mapping.max_output_size,
    digital_bias: c.mapping.digital_bias,
    learn_out_scaling: c.mapping.learn_out_scaling,
    out_scaling_columnwise: c.mapping.out_scaling_columnwise,
    input_range_enable: c.pre_post.input_range.enable,
    learn_input_range: c.pre_post.input_range.learn_input_range,
  });
  const a = shape(saved);
  const b = shape(current);
  const changed = (Object.keys(a) as Array<keyof typeof a>).filter((k) => a[k] !== b[k]);
  if (changed.length) {
    throw new StateDictError(
      `State entry "${key}" was saved with a config whose mapping differs from this layer's in ${changed.map((k) => `${k} (${a[k]} vs ${b[k]})`).join(', ')}; such changes alter the model structure and cannot be loaded.`,
    );
  }
}
