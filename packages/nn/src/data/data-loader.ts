import { ConfigError, XoshiroRandom } from '@analogkit/core';
import type { Dataset } from './tensor-dataset.js';

export interface DataLoaderOptions {
  batchSize: number;
  /** Visit the examples in a new seeded random order every epoch (default false: in order). */
  shuffle?: boolean;
  /** Seed of the shuffling generator (default 0). */
  seed?: number;
  /** Skip the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
}

/**
 * Iterates a dataset in batches; each iteration is one epoch. With `shuffle`, one generator seeded
 * once draws a fresh permutation per epoch, so the sequence of epochs is reproducible from the seed.
 */
export class DataLoader<B> implements Iterable<B> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly random: XoshiroRandom;

  constructor(
    readonly dataset: Dataset<B>,
    options: DataLoaderOptions,
  ) {
    const { batchSize, shuffle = false, seed = 0, dropLast = false } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new ConfigError(`DataLoader batchSize must be a positive integer, got ${batchSize}.`, 'batchSize');
    }
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.random = new XoshiroRandom(seed);
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length / this.batchSize;
    return this.dropLast ? Math.floor(n) : Math.ceil(n);
  }

  private epochOrder(): Uint32Array {
    const order = new Uint32Array(this.dataset.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    if (this.shuffle) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(this.random.uniform() * (i + 1));
        const swap = order[i]!;
        order[i] = order[j]!;
        order[j] = swap;
      }
    }
    return order;
  }

  *[Symbol.iterator](): Iterator<B> {
    const order = this.epochOrder();
    const batches = this.length;
    for (let b = 0; b < batches; b++) {
      yield this.dataset.batch(order.subarray(b * this.batchSize, Math.min((b + 1) * this.batchSize, order.length)));
    }
  }
}
