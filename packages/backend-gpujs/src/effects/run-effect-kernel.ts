import type { KernelVariable, KernelFunction } from 'gpu.js';
import type { TileState } from '@analogkit/core';
import type { GpuJsBackend } from '../gpujs-backend.js';
import { runFlat } from '../run-flat-kernel.js';
import { COUNTER_RNG_FUNCTIONS, counterKey } from '../random/counter-hash.js';

/**
 * Runs an effect kernel of the tile's shape (constants rows, cols) with an output of `length`
 * values (rows * cols for the elementwise ones, rows for the row reductions).
 */
export function runEffectKernel(
  backend: GpuJsBackend,
  state: TileState,
  variant: string,
  source: unknown,
  length: number,
  args: KernelVariable[],
): Promise<Float32Array> {
  const kernel = backend.kernel(state.rows, state.cols, `effect:${variant}`, source as KernelFunction, {
    constants: { rows: state.rows, cols: state.cols },
    functions: COUNTER_RNG_FUNCTIONS,
    loopMaxIterations: Math.max(state.cols, 1),
  });
  return runFlat(kernel, length, args);
}

/** Keys of the random streams of one effect call (one seed per call from the tile's source). */
export function effectKeys(seed: number, count: number): number[] {
  return Array.from({ length: count }, (_, stream) => counterKey(seed, stream, 0));
}
