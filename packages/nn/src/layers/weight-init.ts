import { XoshiroRandom, type RandomSource, type Runtime } from '@analogkit/core';
import { defaultRuntime } from '../default-runtime.js';

/** The random source of a layer: seeded by `seed`, or by a draw from the runtime's (default: the default runtime's) source. */
export function layerRandom(seed?: number, runtime?: Runtime): RandomSource {
  return new XoshiroRandom(seed ?? (runtime ?? defaultRuntime()).rng.nextUint32());
}

/**
 * torch's default init of Linear and Conv weights and biases: kaiming-uniform with a = sqrt(5),
 * i.e. U(-1/sqrt(fanIn), 1/sqrt(fanIn)), for both.
 */
export function uniformFanInInit(count: number, fanIn: number, rng: RandomSource): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  return out;
}
