import { counterKey } from '../random/counter-hash.js';

/** The random streams of one MVM call; each bound-management round and pass gets its own. */
export const MVM_STREAM = {
  inputUniform: 0,
  inputNormalA: 1,
  inputNormalB: 2,
  weightNoiseA: 3,
  weightNoiseB: 4,
  outputUniform: 5,
  outputNormalA: 6,
  outputNormalB: 7,
} as const;

const STREAMS_PER_PASS = 8;
const PASSES_PER_ROUND = 2;

/**
 * Per-sample keys of the streams of one MVM call (seed drawn once per call from the tile's
 * random source); lanes are the original sample indices, so a sample's numbers do not depend on
 * which other samples are recomputed in a round. Streams that a configuration does not use get
 * zero keys (the kernels still index them).
 */
export class MvmStreams {
  private zeros = new Float32Array(0);

  constructor(private readonly seed: number) {}

  keys(round: number, pass: number, stream: number, samples: Float32Array, needed: boolean): Float32Array {
    if (!needed) {
      if (this.zeros.length < samples.length) this.zeros = new Float32Array(samples.length);
      return this.zeros.subarray(0, samples.length);
    }
    const id = (round * PASSES_PER_ROUND + pass) * STREAMS_PER_PASS + stream;
    const keys = new Float32Array(samples.length);
    for (let k = 0; k < samples.length; k++) keys[k] = counterKey(this.seed, id, samples[k]!);
    return keys;
  }
}
