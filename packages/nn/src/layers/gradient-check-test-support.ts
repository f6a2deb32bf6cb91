import { Tensor } from '@analogkit/core';
import { expect } from 'vitest';
import type { Module } from '../module.js';
import { uniformTensor } from '../nn-test-support.js';

/** Sum of r * y in float64. */
function dot(y: Tensor, r: Tensor): number {
  let s = 0;
  for (let i = 0; i < y.size(); i++) s += y.data[i]! * r.data[i]!;
  return s;
}

/**
 * Compares a module's backward (input gradient and parameter gradients) with central finite
 * differences of L = sum(r * forward(x)) for a random r.
 */
export async function expectGradientsMatchFiniteDifferences(module: Module, x: Tensor, options: { eps?: number; tol?: number } = {}): Promise<void> {
  const eps = options.eps ?? 1e-2;
  const tol = options.tol ?? 2e-3;
  const y = await module.forward(x);
  const r = uniformTensor([...y.shape], 99);
  for (const p of module.parameters()) p.grad = null;
  const dx = await module.backward(r);
  const loss = async () => dot(await module.forward(x), r);
  const numeric = async (values: Float32Array, i: number) => {
    const base = values[i]!;
    values[i] = base + eps;
    const up = await loss();
    values[i] = base - eps;
    const down = await loss();
    values[i] = base;
    return (up - down) / (2 * eps);
  };
  expect(dx.shape).toEqual(x.shape);
  for (let i = 0; i < x.size(); i++) expect(Math.abs(dx.data[i]! - (await numeric(x.data, i)))).toBeLessThan(tol);
  for (const p of module.parameters()) {
    expect(p.grad).not.toBeNull();
    for (let i = 0; i < p.data.size(); i++) expect(Math.abs(p.grad!.data[i]! - (await numeric(p.data.data, i)))).toBeLessThan(tol);
  }
}

/** Uniform values in [-1, 1] kept at least `gap` away from 0 (for kinks at 0). */
export function awayFromZero(shape: number[], seed: number, gap = 0.05): Tensor {
  const t = uniformTensor(shape, seed);
  return new Tensor(t.data.map((v) => (Math.abs(v) < gap ? v + Math.sign(v || 1) * 2 * gap : v)), shape);
}
