import { ConfigError } from '@analogkit/core';
import type { Parameter } from '../parameter.js';
import { Optimizer, type ParameterSource } from './optimizer.js';

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/** torch's SGD: g = grad + weightDecay p; with momentum b = momentum b + (1 - dampening) g (b = g at first); p -= lr g (or b). */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private readonly buffers = new WeakMap<Parameter, Float32Array>();

  constructor(params: ParameterSource, options: SGDOptions) {
    super(params, options.lr);
    this.momentum = nonNegative(options.momentum ?? 0, 'momentum');
    this.dampening = nonNegative(options.dampening ?? 0, 'dampening');
    this.weightDecay = nonNegative(options.weightDecay ?? 0, 'weightDecay');
    this.nesterov = options.nesterov ?? false;
    if (this.nesterov && (this.momentum === 0 || this.dampening !== 0)) {
      throw new ConfigError('Nesterov momentum needs momentum > 0 and dampening 0.', 'nesterov');
    }
  }

  protected updateParameter(p: Parameter, grad: Float32Array): void {
    const w = p.data.data;
    const g = Float32Array.from(grad, (v, i) => v + this.weightDecay * w[i]!);
    if (this.momentum !== 0) {
      let buf = this.buffers.get(p);
      if (!buf) {
        buf = g.slice();
        this.buffers.set(p, buf);
      } else {
        for (let i = 0; i < buf.length; i++) buf[i] = this.momentum * buf[i]! + (1 - this.dampening) * g[i]!;
      }
      for (let i = 0; i < g.length; i++) g[i] = this.nesterov ? g[i]! + this.momentum * buf[i]! : buf[i]!;
    }
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - this.lr * g[i]!;
  }
}

export function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${name} must be a finite number >= 0, got ${value}.`, name);
  return value;
}
