import { AnalogContext, BaseTile, ConfigError, InferenceTile, Tensor, type Tile } from '@analogkit/core';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { readPhysicalWeights, writePhysicalWeights } from '../analog/physical-weights.js';
import { concatRows } from '../tensor-math.js';
import { Adam, type AdamOptions } from './adam.js';
import type { LearningRateHolder, Optimizer } from './optimizer.js';
import { SGD, type SGDOptions } from './sgd.js';

/** What an analog optimizer trains: a model (its tiles are found at every step), or parameters and analog contexts. */
export type AnalogParameterSource = Module | Iterable<Parameter | AnalogContext>;

/**
 * aihwkit's AnalogOptimizer: a digital optimizer for the digital parameters, plus the analog tiles.
 * At every step:
 * 1. inference tiles (hardware-aware training, exact updates) get the gradient of their device
 *    weights from the stored traces, and the digital optimizer updates those clean weights like any
 *    parameter (the weight modifier only ever touches the forward copy);
 * 2. the digital optimizer steps;
 * 3. every other tile with stored traces gets `tile.update(x, d, lr)` with the whole batch
 *    (pulsed, or exact for floating-point tiles), and its traces are cleared;
 * 4. every tile runs postUpdateStep() (diffusion, decay; clip, remap and modifier for inference tiles).
 */
export class AnalogOptimizer implements LearningRateHolder {
  readonly digital: Optimizer;
  private readonly tiles: () => Tile[];
  private readonly tileParameters = new WeakMap<Tile, Parameter>();

  constructor(target: AnalogParameterSource, createDigital: (params: () => Parameter[]) => Optimizer) {
    if (target instanceof Module) {
      this.digital = createDigital(() => target.parameters());
      this.tiles = () => target.analogTiles();
      return;
    }
    const params: Parameter[] = [];
    const tiles: Tile[] = [];
    for (const item of target) {
      if (item instanceof Parameter) params.push(item);
      else if (item instanceof AnalogContext && item.analogTile instanceof BaseTile) tiles.push(item.analogTile as Tile);
      else throw new ConfigError('An analog optimizer takes a Module, or Parameters and AnalogContexts (tile.analogCtx).', 'params');
    }
    this.digital = createDigital(() => params);
    this.tiles = () => tiles;
  }

  get lr(): number {
    return this.digital.lr;
  }

  set lr(value: number) {
    this.digital.lr = value;
  }

  get initialLr(): number {
    return this.digital.initialLr;
  }

  async step(): Promise<void> {
    const tiles = this.tiles();
    const exact: Array<[Tile, Parameter]> = [];
    for (const tile of tiles) {
      if (!(tile instanceof InferenceTile) || !tile.analogCtx.hasGradient()) continue;
      exact.push([tile, await this.exactParameter(tile)]);
      tile.analogCtx.reset();
    }
    this.digital.stepParameters([...this.digital.parameters(), ...exact.map(([, p]) => p)]);
    for (const [tile, p] of exact) {
      await writePhysicalWeights(tile, p.data);
      p.grad = null;
    }
    for (const tile of tiles) {
      const ctx = tile.analogCtx;
      if (tile instanceof InferenceTile || !ctx.hasGradient()) continue;
      if (this.lr > 0) {
        const { x, d } = stackedTraces(tile);
        tile.setLearningRate(this.lr);
        await tile.update(x, d, this.lr * learningRateScale(tile));
      }
      ctx.reset();
    }
    for (const tile of tiles) await tile.postUpdateStep();
  }

  /** Clears the digital gradients and the stored analog traces. */
  zeroGrad(): void {
    this.digital.zeroGrad();
    for (const tile of this.tiles()) tile.analogCtx.reset();
  }

  /**
   * The device weights of an exact-update tile as a parameter (kept per tile, so optimizer state
   * persists) with the gradient `sum (d / alpha) x^T` of the stored traces (aihwkit's shared-weights gradient).
   */
  private async exactParameter(tile: Tile): Promise<Parameter> {
    const weights = await readPhysicalWeights(tile);
    let p = this.tileParameters.get(tile);
    if (!p || p.data.size() !== weights.size()) {
      p = new Parameter(weights);
      this.tileParameters.set(tile, p);
    } else {
      p.assign(weights.data);
    }
    const { x, d } = stackedTraces(tile);
    const delta = Tensor.zeros(weights.shape);
    tile.setDeltaWeights(delta);
    try {
      await tile.update(x, d, learningRateScale(tile));
    } finally {
      tile.resetDeltaWeights();
    }
    p.grad = delta.mulInPlace(-1);
    return p;
  }
}

/** The stored traces of a tile concatenated over the batch. */
function stackedTraces(tile: Tile): { x: Tensor; d: Tensor } {
  const ctx = tile.analogCtx;
  const x = concatRows(ctx.analogInput.map((t) => t.data));
  const d = concatRows(ctx.analogGradOutput.map((t) => t.data));
  return { x: new Tensor(x, [x.length / tile.inSize, tile.inSize]), d: new Tensor(d, [d.length / tile.outSize, tile.outSize]) };
}

/** mapping.weight_scaling_lr_compensation: the update is scaled by the mean mapping scale (aihwkit's 1 / mapping_lr_scale). */
function learningRateScale(tile: Tile): number {
  const scales = tile.getMappingScales();
  if (!scales || !tile.rpuConfig.mapping.weight_scaling_lr_compensation) return 1;
  return scales.reduce((a, b) => a + b, 0) / scales.length;
}

/** AnalogOptimizer with torch's SGD (lr, momentum, dampening, weight decay, nesterov) for the digital parameters. */
export class AnalogSGD extends AnalogOptimizer {
  constructor(target: AnalogParameterSource, options: SGDOptions) {
    super(target, (params) => new SGD(params, options));
  }
}

/** AnalogOptimizer with torch's Adam for the digital parameters and the inference tiles' weights. */
export class AnalogAdam extends AnalogOptimizer {
  constructor(target: AnalogParameterSource, options: AdamOptions = {}) {
    super(target, (params) => new Adam(params, options));
  }
}
