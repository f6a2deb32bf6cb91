import type { IKernelRunShortcut, KernelVariable } from 'gpu.js';
import { KernelError } from '@analogkit/core';

/**
 * gpu.js kernels compute indices in float32 (webasm and the GPU modes), which holds integers
 * exactly below 2^24: every flat array a kernel reads or writes stays below this length.
 */
export const FLOAT_INDEX_LIMIT = 16777216;

/** Runs a kernel with a flat output of `length` values and returns them as a Float32Array. */
export async function runFlat(kernel: IKernelRunShortcut, length: number, args: KernelVariable[]): Promise<Float32Array> {
  if (length === 0) return new Float32Array(0);
  kernel.setOutput([length]);
  const result: unknown = await kernel(...args);
  if (result instanceof Float32Array && result.length === length) return result;
  if (isArrayLike(result) && result.length === length) return Float32Array.from(result);
  throw new KernelError(`A gpu.js kernel returned ${describeResult(result)} where ${length} values were expected.`);
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return typeof value === 'object' && value !== null && typeof (value as { length?: unknown }).length === 'number';
}

function describeResult(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return `${(value as object).constructor?.name ?? typeof value}${isArrayLike(value) ? ` of length ${value.length}` : ''}`;
}
