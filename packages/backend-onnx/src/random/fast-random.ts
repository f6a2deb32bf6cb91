import type { RandomSource } from '@analogkit/core';

const TWO_POW_M32 = 1 / 4294967296;

/*
 * Marsaglia & Tsang's ziggurat for single standard normals (128 layers): a 32-bit draw picks a
 * layer with its low 7 bits and a point inside it; about 97% of draws are accepted by one integer
 * comparison, the rest go through the exact wedge and tail tests.
 */
const ZIG_R = 3.442619855899;
const KN = new Int32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
{
  const m1 = 2147483648;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * m1);
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
}

/**
 * The generator for the bulk random numbers of one kernel call: xoshiro128** seeded from the
 * tile's RandomSource, so the same tile seed gives the same numbers. The fill loops keep the
 * state in local variables (about 1.5x faster than going through the fields per draw), which is
 * why the generator step appears inline in them.
 */
export class FastRandom {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** Draws the seed from `rng` (advancing it by four 32-bit words). */
  constructor(rng: RandomSource) {
    this.s0 = rng.nextUint32() | 0;
    this.s1 = rng.nextUint32() | 0;
    this.s2 = rng.nextUint32() | 0;
    this.s3 = rng.nextUint32() | 1;
  }

  /** A 32-bit draw as a signed integer. */
  nextInt32(): number {
    const a = Math.imul(this.s1, 5);
    const r = Math.imul((a << 7) | (a >>> 25), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return r;
  }

  /** Uniform in [0, 1) with 32 random bits. */
  uniform(): number {
    return (this.nextInt32() >>> 0) * TWO_POW_M32;
  }

  /** Standard normal (ziggurat). */
  normal(): number {
    for (;;) {
      const hz = this.nextInt32();
      const iz = hz & 127;
      if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
      if (iz === 0) return this.tail(hz);
      const x = hz * WN[iz]!;
      if (FN[iz]! + this.uniform() * (FN[iz - 1]! - FN[iz]!) < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** The ziggurat's tail beyond ZIG_R, on the side of `hz`. */
  private tail(hz: number): number {
    let x: number;
    let y: number;
    do {
      x = -Math.log(1 - this.uniform()) / ZIG_R;
      y = -Math.log(1 - this.uniform());
    } while (y + y < x * x);
    return hz > 0 ? ZIG_R + x : -ZIG_R - x;
  }

  /** `out[i] = U(0, 1]` (never 0: the Box-Muller inputs of the graphs take its logarithm). */
  fillOpenUniform(out: Float32Array): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < out.length; i++) {
      const a = Math.imul(s1, 5);
      const r = Math.imul((a << 7) | (a >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = ((r >>> 0) + 1) * TWO_POW_M32;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
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
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
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
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}
