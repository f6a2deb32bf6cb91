import { ConfigError } from '../errors.js';
import type { RandomSource } from './random-source.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1 / 9007199254740992;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * xoshiro128** (Blackman & Vigna) for uniforms, with Box-Muller pairs for normals. 53-bit
 * uniforms are built from two outputs. The cached second normal is part of the state.
 */
export class XoshiroRandom implements RandomSource {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare = 0;
  private hasSpare = false;

  constructor(seed = 0) {
    this.seed(seed);
  }

  seed(seed: number): void {
    if (!Number.isFinite(seed)) throw new ConfigError(`Random seed must be a finite number, got ${seed}.`, 'seed');
    const lo = seed >>> 0;
    const hi = Math.floor(Math.abs(seed) / TWO_POW_32) >>> 0;
    const mix = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2d));
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.hasSpare = false;
    this.spare = 0;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * TWO_POW_M53;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }

  fillUniform(out: Float32Array | Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
  }

  fillNormal(out: Float32Array | Float64Array, mean = 0, std = 1): void {
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
  }

  spawn(): RandomSource {
    const child = new XoshiroRandom(0);
    child.s0 = this.nextUint32();
    child.s1 = this.nextUint32();
    child.s2 = this.nextUint32();
    child.s3 = this.nextUint32() | 1;
    return child;
  }

  getState(): number[] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0, this.hasSpare ? 1 : 0, this.spare];
  }

  setState(state: readonly number[]): void {
    if (state.length !== 6 || !state.every((v) => Number.isFinite(v))) {
      throw new ConfigError('Random state must be the 6 finite numbers returned by getState().', 'rng_state');
    }
    // Check before assigning: a rejected state must leave the generator as it was.
    const words = state.slice(0, 4).map((v) => v >>> 0) as [number, number, number, number];
    if ((words[0] | words[1] | words[2] | words[3]) === 0) {
      throw new ConfigError('Random state of all zeros is invalid for xoshiro128**.', 'rng_state');
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
    this.hasSpare = state[4] === 1;
    this.spare = state[5]!;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
