import { ConfigError } from '@analogkit/core';
import type { Parameter } from '../parameter.js';

/** Parameters given to an optimizer: a collection, or a function that lists them at every step. */
export type ParameterSource = Iterable<Parameter> | (() => Iterable<Parameter>);

/** What learning-rate schedulers change. */
export interface LearningRateHolder {
  lr: number;
  readonly initialLr: number;
}

function checkLearningRate(lr: number): number {
  if (!Number.isFinite(lr) || lr < 0) throw new ConfigError(`Learning rate must be a finite number >= 0, got ${lr}.`, 'lr');
  return lr;
}

/** Base of the digital optimizers: one learning rate, per-parameter state kept by parameter identity. */
export abstract class Optimizer implements LearningRateHolder {
  readonly initialLr: number;
  private rate: number;
  private readonly source: ParameterSource;

  protected constructor(params: ParameterSource, lr: number) {
    this.initialLr = checkLearningRate(lr);
    this.rate = lr;
    this.source = typeof params === 'function' ? params : [...params];
  }

  get lr(): number {
    return this.rate;
  }

  set lr(value: number) {
    this.rate = checkLearningRate(value);
  }

  /** The parameters this optimizer updates. */
  parameters(): Parameter[] {
    return [...(typeof this.source === 'function' ? this.source() : this.source)];
  }

  /** Updates every parameter that requires a gradient and has one. */
  step(): void {
    this.stepParameters(this.parameters());
  }

  /** Updates the given parameters (used by AnalogOptimizer to add the weights of exact-update tiles). */
  stepParameters(params: Iterable<Parameter>): void {
    for (const p of params) if (p.requiresGrad && p.grad) this.updateParameter(p, p.grad.data);
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  protected abstract updateParameter(p: Parameter, grad: Float32Array): void;
}
