/*
 * A counter-based generator built only from float operations that are exact on integers below
 * 2^24 (products of 12-bit halves, sums below 2^24, floor, scaling by powers of two), so the
 * same bits come out of every gpu.js mode: wasm f32 (where gpu.js computes even Math.imul in
 * f32, so 32-bit integer hashes are not available), GLSL highp float, WGSL f32 and JavaScript.
 *
 * `rngMix(counter, key)` is a 24-bit analogue of Widynski's "squares" generator:
 * `base = (counter + key) key mod 2^24` (counter 0 is not degenerate), then five rounds of
 * `x = rot12(x^2 + y mod 2^24)` with y alternating between base and base + key. Keys (odd) are
 * derived on the host from the call's seed, counters are element indices below 2^24.
 *
 * These are handed to gpu.js as kernel functions: plain `function` declarations, literal
 * constants only, no closures, and no calls inside rngMix (calls are costly in webasm).
 */

/** 24 random bits (an integer in [0, 2^24)) for a counter and an odd key, both in [0, 2^24). */
export function rngMix(counter: number, key: number): number {
  const room = 16777216 - key;
  let c = counter + key;
  if (counter >= room) c = counter - room;
  const ch = Math.floor(c * 0.000244140625);
  const cl = c - ch * 4096;
  const kh = Math.floor(key * 0.000244140625);
  const kl = key - kh * 4096;
  const low = cl * kl;
  const lowHigh = Math.floor(low * 0.000244140625);
  const cross1 = ch * kl;
  const cross2 = cl * kh;
  let mid = cross1 - Math.floor(cross1 * 0.000244140625) * 4096 + (cross2 - Math.floor(cross2 * 0.000244140625) * 4096) + lowHigh;
  mid = mid - Math.floor(mid * 0.000244140625) * 4096;
  const base = mid * 4096 + (low - lowHigh * 4096);
  let shifted = base + key;
  if (base >= room) shifted = base - room;
  let x = base;
  for (let r = 0; r < 5; r++) {
    let y = base;
    if (r === 1 || r === 3) y = shifted;
    const xh = Math.floor(x * 0.000244140625);
    const xl = x - xh * 4096;
    const sq = xl * xl;
    const sqHigh = Math.floor(sq * 0.000244140625);
    const cross = xh * xl;
    let sqMid = 2 * (cross - Math.floor(cross * 0.000244140625) * 4096) + sqHigh;
    sqMid = sqMid - Math.floor(sqMid * 0.000244140625) * 4096;
    let s = sqMid * 4096 + (sq - sqHigh * 4096);
    const yRoom = 16777216 - y;
    if (s >= yRoom) s = s - yRoom;
    else s = s + y;
    const high = Math.floor(s * 0.000244140625);
    x = (s - high * 4096) * 4096 + high;
  }
  return x;
}

/** Uniform in (0, 1) (24-bit resolution). */
export function rngUniform(counter: number, key: number): number {
  return (rngMix(counter, key) + 0.5) * 5.9604644775390625e-8;
}

/** Standard normal by Box-Muller from two independent streams (keys A and B) at the same counter. */
export function rngNormal(counter: number, keyA: number, keyB: number): number {
  const u1 = (rngMix(counter, keyA) + 0.5) * 5.9604644775390625e-8;
  const u2 = (rngMix(counter, keyB) + 0.5) * 5.9604644775390625e-8;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(6.283185307179586 * u2);
}

/** The kernel-side functions, for a gpu.js kernel's `functions` setting. */
export const COUNTER_RNG_FUNCTIONS = [rngMix, rngUniform, rngNormal];

const TWO_24 = 16777216;
const ABSORB_KEYS = [0x9e3779, 0x85ebcb, 0xc2b2af, 0x27d4eb] as const;

/**
 * An odd 24-bit key for one stream of one call: the 32-bit call seed (two words), a stream id
 * and a lane (a sample, a pulse slot) are absorbed in turn, each through rngMix. Host only.
 */
export function counterKey(seed: number, stream: number, lane: number): number {
  const words = [seed % TWO_24, Math.floor(seed / TWO_24), stream % TWO_24, lane % TWO_24];
  let h = 0;
  for (let w = 0; w < words.length; w++) {
    const sum = h + words[w]!;
    h = rngMix(sum >= TWO_24 ? sum - TWO_24 : sum, ABSORB_KEYS[w]!);
  }
  return h - (h % 2) + 1;
}
