import { ConfigError } from '@analogkit/core';
import type { Parameter } from '../parameter.js';
import { Optimizer, type ParameterSource } from './optimizer.js';
import { nonNegative } from './sgd.js';

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
}

interface AdamState {
  step: number;
  m: Float32Array;
  v: Float32Array;
}

/** torch's Adam (L2 weight decay added to the gradient), defaults lr 1e-3, betas (0.9, 0.999), eps 1e-8. */
export class Adam extends Optimizer {
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  private readonly states = new WeakMap<Parameter, AdamState>();

  constructor(params: ParameterSource, options: AdamOptions = {}) {
    super(params, options.lr ?? 1e-3);
    this.betas = options.betas ?? [0.9, 0.999];
    if (!this.betas.every((b) => b >= 0 && b < 1)) throw new ConfigError(`Adam betas must be in [0, 1), got [${this.betas.join(', ')}].`, 'betas');
    this.eps = nonNegative(options.eps ?? 1e-8, 'eps');
    this.weightDecay = nonNegative(options.weightDecay ?? 0, 'weightDecay');
  }

  protected updateParameter(p: Parameter, grad: Float32Array): void {
    const w = p.data.data;
    let s = this.states.get(p);
    if (!s) {
      s = { step: 0, m: new Float32Array(w.length), v: new Float32Array(w.length) };
      this.states.set(p, s);
    }
    s.step += 1;
    const [b1, b2] = this.betas;
    const stepSize = this.lr / (1 - b1 ** s.step);
    const correction2 = Math.sqrt(1 - b2 ** s.step);
    for (let i = 0; i < w.length; i++) {
      const g = grad[i]! + this.weightDecay * w[i]!;
      s.m[i] = b1 * s.m[i]! + (1 - b1) * g;
      s.v[i] = b2 * s.v[i]! + (1 - b2) * g * g;
      w[i] = w[i]! - (stepSize * s.m[i]!) / (Math.sqrt(s.v[i]!) / correction2 + this.eps);
    }
  }
}
