import { ConfigError } from '@analogkit/core';
import { checkSize } from '../layers/check-size.js';
import type { LearningRateHolder } from './optimizer.js';

/** Sets an optimizer's learning rate per epoch; call step() once per epoch. */
abstract class LRScheduler {
  private epoch = 0;

  protected constructor(readonly optimizer: LearningRateHolder) {}

  step(): void {
    this.epoch += 1;
    this.optimizer.lr = this.rateAt(this.epoch);
  }

  get lastEpoch(): number {
    return this.epoch;
  }

  getLastLr(): number {
    return this.optimizer.lr;
  }

  protected abstract rateAt(epoch: number): number;
}

/** lr = initial * gamma^floor(epoch / stepSize) (torch's StepLR). */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: LearningRateHolder, options: { stepSize: number; gamma?: number }) {
    super(optimizer);
    checkSize(options.stepSize, 'stepSize');
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    if (!(this.gamma > 0)) throw new ConfigError(`gamma must be > 0, got ${this.gamma}.`, 'gamma');
  }

  protected rateAt(epoch: number): number {
    return this.optimizer.initialLr * this.gamma ** Math.floor(epoch / this.stepSize);
  }
}

/** lr = etaMin + (initial - etaMin) (1 + cos(pi epoch / tMax)) / 2 (torch's CosineAnnealingLR, closed form). */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: LearningRateHolder, options: { tMax: number; etaMin?: number }) {
    super(optimizer);
    checkSize(options.tMax, 'tMax');
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
    if (!(this.etaMin >= 0)) throw new ConfigError(`etaMin must be >= 0, got ${this.etaMin}.`, 'etaMin');
  }

  protected rateAt(epoch: number): number {
    return this.etaMin + ((this.optimizer.initialLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2;
  }
}
