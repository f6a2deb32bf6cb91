import { ConfigError, Tensor, XoshiroRandom, type RandomSource } from '@analogkit/core';
import { ModuleError, StateDictError } from '../errors.js';
import { Module, type PreparedState } from '../module.js';
import type { StateDict } from '../state-dict.js';
import { checkSameShape } from './shape-checks.js';
import { layerRandom } from './weight-init.js';

const RNG_STATE = 'rng_state';

/**
 * Zeroes each element with probability p in training and scales the rest by 1/(1-p); identity in
 * eval mode. Its random state is part of the state dict, so a restored model drops the same units.
 */
export class Dropout extends Module {
  private rng: RandomSource;
  private mask: Float32Array | null = null;
  private output: Tensor | null = null;

  constructor(
    readonly p = 0.5,
    options: { seed?: number } = {},
  ) {
    super();
    if (!(p >= 0 && p < 1)) throw new ConfigError(`Dropout probability must be in [0, 1), got ${p}.`, 'p');
    this.rng = layerRandom(options.seed);
  }

  async forward(x: Tensor): Promise<Tensor> {
    if (!this.training || this.p === 0) {
      this.mask = null;
      this.output = x;
      return x;
    }
    const scale = 1 / (1 - this.p);
    const mask = new Float32Array(x.size());
    for (let i = 0; i < mask.length; i++) mask[i] = this.rng.uniform() < this.p ? 0 : scale;
    const y = new Tensor(x.data.map((v, i) => v * mask[i]!), x.shape);
    this.mask = mask;
    this.output = y;
    return y;
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    if (!this.output) throw new ModuleError('Dropout.backward() needs a forward() first.');
    checkSameShape(gradOutput, this.output, 'Dropout');
    const mask = this.mask;
    return mask ? new Tensor(gradOutput.data.map((v, i) => v * mask[i]!), gradOutput.shape) : gradOutput;
  }

  /** A copy with its own random source in the same state. */
  override async copy(): Promise<this> {
    const clone = await super.copy();
    clone.rng = new XoshiroRandom();
    clone.rng.setState(this.rng.getState());
    return clone;
  }

  protected override async saveOwnState(dict: StateDict, prefix: string): Promise<void> {
    await super.saveOwnState(dict, prefix);
    dict[prefix + RNG_STATE] = this.rng.getState();
  }

  protected override async prepareOwnState(dict: StateDict, prefix: string, options: { strict: boolean; loadRpuConfig: boolean }): Promise<PreparedState> {
    const key = prefix + RNG_STATE;
    const value = dict[key];
    if (value === undefined) {
      if (options.strict) throw new StateDictError(`Missing key "${key}" (the dropout random state). Load with { strict: false } to keep the current one.`);
      return { keys: [], commit: () => {}, abort: () => {} };
    }
    if (!Array.isArray(value) || value.length !== 6 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new StateDictError(`State entry "${key}" must be the 6 numbers of a random state.`);
    }
    const state = value as number[];
    try {
      new XoshiroRandom().setState(state);
    } catch (err) {
      throw new StateDictError(`State entry "${key}" is not a valid random state: ${(err as Error).message}`);
    }
    return { keys: [key], commit: () => this.rng.setState(state), abort: () => {} };
  }
}
