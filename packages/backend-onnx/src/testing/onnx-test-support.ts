/* Helpers shared by the backend's tests (not used by the backend itself). */
import { createRuntime, registerCore, XoshiroRandom, type ComputeBackend, type Runtime, type TileState } from '@analogkit/core';
import type { OnnxBackend } from '../onnx-backend.js';
import { registerOnnxBackend, type OnnxBackendOptions } from '../register-onnx-backend.js';

export interface TestBackends {
  runtime: Runtime;
  onnx: OnnxBackend;
  reference: ComputeBackend;
}

/** A runtime with core and the onnx backend, and both backends resolved. */
export async function testBackends(seed = 3, options: OnnxBackendOptions = {}): Promise<TestBackends> {
  const runtime = createRuntime({ seed, register: [registerCore, (c) => registerOnnxBackend(c, options)] });
  return { runtime, onnx: (await runtime.backend('onnx:cpu')) as OnnxBackend, reference: await runtime.backend('reference') };
}

export function uniformArray(length: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rng = new XoshiroRandom(seed);
  return Float32Array.from({ length }, () => lo + (hi - lo) * rng.uniform());
}

export function tileState(rows: number, cols: number, weights: Float32Array, hidden: Record<string, Float32Array> = {}): TileState {
  return { rows, cols, weights, hidden, aux: {} };
}

/** Allocates `state` on `backend`, runs `body`, reads the state back and frees the tile. */
export async function withTile<T>(backend: ComputeBackend, state: TileState, body: (tile: ReturnType<ComputeBackend['allocateTile']>) => Promise<T>): Promise<{ result: T; state: TileState }> {
  const tile = backend.allocateTile(state);
  try {
    const result = await body(tile);
    return { result, state: await backend.readTile(tile) };
  } finally {
    backend.disposeTile(tile);
  }
}
