import type { RandomSource } from '@analogkit/core';
import { xoshiroNextInt32, ZIGGURAT, zigguratSlow } from './ziggurat.js';

const TWO_POW_M32 = 1 / 4294967296;

/**
 * The generator for the bulk random numbers of one kernel call: xoshiro128** seeded from the
 * tile's RandomSource, so the same tile seed gives the same numbers. Bulk normals come from
 * HostKernels, seeded from this generator. fillPulseTrains keeps the state in local variables
 * (about 1.5x faster than going through the state array per draw), which is why the generator
 * step appears inline in it.
 */
export class FastRandom {
  /** The xoshiro128** state words s0..s3. */
  private readonly state = new Int32Array(4);

  /** Draws the seed from `rng` (advancing it by four 32-bit words). */
  constructor(rng: RandomSource) {
    this.state[0] = rng.nextUint32();
    this.state[1] = rng.nextUint32();
    this.state[2] = rng.nextUint32();
    this.state[3] = rng.nextUint32() | 1;
  }

  /** A 32-bit draw as a signed integer. */
  nextInt32(): number {
    return xoshiroNextInt32(this.state);
  }

  /** Uniform in [0, 1) with 32 random bits. */
  uniform(): number {
    return (this.nextInt32() >>> 0) * TWO_POW_M32;
  }

  /** Standard normal (ziggurat, see ziggurat.ts). */
  normal(): number {
    const { kn, wn } = ZIGGURAT;
    for (;;) {
      const r = this.nextInt32();
      const hz = r >> 7;
      if (Math.abs(hz) < kn[r & 127]!) return hz * wn[r & 127]!;
      const x = zigguratSlow(r, this.state);
      if (x === x) return x;
    }
  }

  /** `out[i] = U[0, 1) + shift` (shift -0.5 gives the stochastic-rounding offsets). */
  fillUniform(out: Float32Array, shift = 0): void {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform() + shift;
  }

  /**
   * Stochastic pulse trains of one sample, slot-major: `signed[j]` is line j's firing probability
   * with the line's sign; for each of `bl` slots starting at row `first` of `out` (rows of
   * `signed.length` values), line j becomes `sign` where `|p| > U[0, 1)` and 0 elsewhere.
   */
  fillPulseTrains(signed: Float32Array, bl: number, out: Float32Array, first: number): void {
    const size = signed.length;
    const st = this.state;
    let s0 = st[0]!;
    let s1 = st[1]!;
    let s2 = st[2]!;
    let s3 = st[3]!;
    for (let k = 0; k < bl; k++) {
      const row = (first + k) * size;
      for (let j = 0; j < size; j++) {
        const a = Math.imul(s1, 5);
        const r = Math.imul((a << 7) | (a >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        // Branch-free: the firing decisions are random, so branches would mispredict half the time.
        const sp = signed[j]!;
        out[row + j] = Math.sign(sp) * +(Math.abs(sp) > (r >>> 0) * TWO_POW_M32);
      }
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
  }
}
