import { ConfigError, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { Parameter } from '../parameter.js';
import { Adam } from './adam.js';
import { CosineAnnealingLR, StepLR } from './lr-scheduler.js';
import { SGD } from './sgd.js';

function param(values: number[], grad: number[]): Parameter {
  const p = new Parameter(new Tensor(values));
  p.grad = new Tensor(grad);
  return p;
}

describe('digital optimizers (torch semantics)', () => {
  it('SGD with momentum, dampening and weight decay', () => {
    const p = param([1, -2], [0.5, 0.25]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 });
    opt.step();
    // g = grad + 0.01 p; the first buffer is g itself.
    const g1 = [0.5 + 0.01, 0.25 - 0.02];
    const w1 = [1 - 0.1 * g1[0]!, -2 - 0.1 * g1[1]!];
    expect(Array.from(p.data.data)).toEqual(w1.map(Math.fround));
    opt.step();
    const g2 = [0.5 + 0.01 * Math.fround(w1[0]!), 0.25 + 0.01 * Math.fround(w1[1]!)];
    const b2 = [0.9 * Math.fround(g1[0]!) + 0.9 * g2[0]!, 0.9 * Math.fround(g1[1]!) + 0.9 * g2[1]!];
    expect(p.data.data[0]).toBeCloseTo(w1[0]! - 0.1 * b2[0]!, 6);
    expect(p.data.data[1]).toBeCloseTo(w1[1]! - 0.1 * b2[1]!, 6);
  });

  it('SGD skips parameters without gradient or that are not trainable; zeroGrad clears', () => {
    const frozen = new Parameter(new Tensor([1]), { requiresGrad: false });
    frozen.grad = new Tensor([1]);
    const idle = new Parameter(new Tensor([2]));
    const opt = new SGD([frozen, idle], { lr: 1 });
    opt.step();
    expect(frozen.data.data[0]).toBe(1);
    expect(idle.data.data[0]).toBe(2);
    opt.zeroGrad();
    expect(frozen.grad).toBeNull();
  });

  it('Adam: the first step moves each weight by lr against the sign of its gradient', () => {
    const p = param([1, 1], [3, -0.001]);
    const opt = new Adam([p], { lr: 0.01 });
    opt.step();
    expect(p.data.data[0]).toBeCloseTo(0.99, 6);
    expect(p.data.data[1]).toBeCloseTo(1.01, 5);
    p.grad = new Tensor([3, -0.001]);
    opt.step();
    expect(p.data.data[0]).toBeCloseTo(0.98, 6);
  });

  it('rejects invalid settings', () => {
    expect(() => new SGD([], { lr: -1 })).toThrow(ConfigError);
    expect(() => new SGD([], { lr: 0.1, nesterov: true })).toThrow(ConfigError);
    expect(() => new Adam([], { betas: [1, 0.9] })).toThrow(ConfigError);
  });
});

describe('learning-rate schedulers', () => {
  it('StepLR multiplies by gamma every stepSize epochs', () => {
    const opt = new SGD([], { lr: 1 });
    const sched = new StepLR(opt, { stepSize: 2, gamma: 0.5 });
    const rates = Array.from({ length: 5 }, () => (sched.step(), opt.lr));
    expect(rates).toEqual([1, 0.5, 0.5, 0.25, 0.25]);
  });

  it('CosineAnnealingLR follows half a cosine from the initial rate to etaMin', () => {
    const opt = new SGD([], { lr: 0.1 });
    const sched = new CosineAnnealingLR(opt, { tMax: 4, etaMin: 0.02 });
    sched.step();
    sched.step();
    expect(opt.lr).toBeCloseTo(0.06, 10);
    sched.step();
    sched.step();
    expect(sched.getLastLr()).toBeCloseTo(0.02, 10);
    expect(() => new CosineAnnealingLR(opt, { tMax: 0 })).toThrow(ConfigError);
  });
});
