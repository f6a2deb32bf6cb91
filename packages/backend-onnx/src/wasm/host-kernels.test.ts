import { readFileSync } from 'node:fs';
import { KernelError, XoshiroRandom } from '@analogkit/core';
import { moments } from '@analogkit/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHostKernelsModuleSource, HOST_KERNELS_GENERATED_URL } from '../../scripts/wasm-module.js';
import { FastRandom } from '../random/fast-random.js';
import { HostKernels, type AdcSettings } from './host-kernels.js';

const N = 400_000;
const kernels = new Map<number, HostKernels>();
/** Host kernels with `threads` threads (kept for the file, disposed after it). */
function host(threads = 2): HostKernels {
  let k = kernels.get(threads);
  if (!k) kernels.set(threads, (k = new HostKernels(threads)));
  return k;
}
afterAll(() => kernels.forEach((k) => k.dispose()));

/** The standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function normals(length: number, sigma: number, seed: number, threads = 2): Float32Array {
  const out = new Float32Array(length);
  host(threads).normals(out, sigma, new FastRandom(new XoshiroRandom(seed)));
  return out;
}

function uniform(length: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rng = new XoshiroRandom(seed);
  return Float32Array.from({ length }, () => lo + (hi - lo) * rng.uniform());
}

/** The float32 steps of the graph's quantisation (`round(v / step) * step`, half to even). */
function quantize(v: number, step: number): number {
  if (step <= 0) return v;
  const q = Math.fround(v / step);
  let r = Math.round(q);
  if (r - q === 0.5 && r % 2 !== 0) r -= 1;
  return Math.fround(r * step);
}

const clip = (v: number, bound: number) => Math.min(Math.max(v, -bound), bound);

describe('HostKernels normals', () => {
  it('fills sigma * N(0, 1): moments within 5 standard errors', () => {
    const sigma = 0.06;
    const { mean, variance, kurtosis } = moments(normals(N, sigma, 1));
    expect(Math.abs(mean)).toBeLessThan((5 * sigma) / Math.sqrt(N));
    expect(Math.abs(variance / (sigma * sigma) - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  it('matches the normal CDF from the centre to the tail beyond R = 3.44 (wedges and tail included)', () => {
    const z = normals(N, 1, 2);
    for (const x of [-3.7, -3, -2, -1, -0.3, 0, 0.5, 1.5, 2.5, 3.2, 3.6]) {
      const p = normalCdf(x);
      const below = z.filter((v) => v <= x).length / N;
      expect(Math.abs(below - p), `P(z <= ${x})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-6);
    }
  });

  it('fills exactly the requested length, also when it is not whole SIMD vectors or chunks', () => {
    for (const length of [1, 3, 5, 16_384 * 2 + 3]) {
      const out = new Float32Array(length + 4).fill(7);
      host().normals(out.subarray(0, length), 1, new FastRandom(new XoshiroRandom(3)));
      expect(out.subarray(0, length).every((v) => Number.isFinite(v) && v !== 7)).toBe(true);
      expect(Array.from(out.subarray(length))).toEqual([7, 7, 7, 7]);
    }
  });

  it('is decided by the seed alone: the same numbers on 1, 2 or 3 threads; fresh numbers on each call', async () => {
    await Promise.all([host(2).whenReady(), host(3).whenReady()]);
    const one = normals(100_003, 1, 7, 1);
    expect(normals(100_003, 1, 7, 2)).toEqual(one);
    expect(normals(100_003, 1, 7, 3)).toEqual(one);
    expect(normals(100_003, 1, 8, 2)).not.toEqual(one);
    const random = new FastRandom(new XoshiroRandom(7));
    const first = new Float32Array(1001);
    const second = new Float32Array(1001);
    host().normals(first, 1, random);
    host().normals(second, 1, random);
    expect(second).not.toEqual(first);
  });
});

describe('HostKernels MVM stages', () => {
  const rows = 37;
  const n = 1023; // not a multiple of 4: every row ends in a partial vector

  /** Regions in the shared memory (jobs over the threads) or the host thread's own. */
  const take = (k: HostKernels, memory: 'shared' | 'local', ...lengths: number[]) => (memory === 'shared' ? k.regions(...lengths) : k.localRegions(...lengths));

  for (const memory of ['shared', 'local'] as const) {
    it(`absMaxRows gives each row its largest |x|: NaN where a row holds a NaN, Infinity for an infinity (${memory} memory)`, () => {
      const k = host();
      const [x, out] = take(k, memory, rows * n, rows);
      x.set(uniform(rows * n, 4, -3, 2));
      // in a full vector, in a row's last (partial) vector, and a NaN before larger values
      for (const [index, bad] of [[2 * n + 5, NaN], [6 * n - 1, -Infinity], [9 * n, NaN], [20 * n + 17, Infinity]] as const) x[index] = bad;
      x[9 * n + 1] = 7;
      k.absMaxRows(x, rows, n, out);
      for (let r = 0; r < rows; r++) {
        let m = 0;
        for (let j = 0; j < n; j++) m = Math.max(m, Math.abs(x[r * n + j]!));
        expect(out[r], `row ${r}`).toBe(Math.fround(m));
      }
    });

    for (const [label, step, bound] of [
      ['quantised and clipped', Math.fround(2 / 127), 1],
      ['without quantisation or bound', 0, Infinity],
    ] as const) {
      it(`dac follows the graph's float32 steps (${label}, ${memory} memory)`, () => {
        const k = host();
        const [x, v, scales] = take(k, memory, rows * n, rows * n, rows);
        x.set(uniform(rows * n, 5, -2, 2));
        scales.set(uniform(rows, 6, 0.2, 3));
        k.dac(x, v, rows, n, scales, step, bound);
        for (let i = 0; i < rows * n; i++) {
          const expected = clip(quantize(Math.fround(x[i]! * scales[Math.floor(i / n)]!), step), bound);
          if (v[i] !== expected) expect(v[i], `value ${i}`).toBe(expected);
        }
      });
    }
  }

  it('refuses a job whose arrays are not all in one memory, and the ADC outside the shared one', () => {
    const k = host();
    const [x, v] = k.localRegions(rows * n, rows * n);
    const [scales, y, out, factors, flags] = k.regions(rows, rows * n, rows * n, rows, rows);
    expect(() => k.dac(x, v, rows, n, scales, 0, 1)).toThrow(/one memory/);
    expect(() => k.absMaxRows(x, rows, n, scales)).toThrow(KernelError);
    const failed = new Int32Array(flags.buffer, flags.byteOffset, rows);
    const adc = { sigma: 0, step: 0, bound: Infinity, testAbs: false };
    expect(() => k.adc(x, v, rows, n, adc, factors, failed, new FastRandom(new XoshiroRandom(1)))).toThrow(/shared memory/);
    expect(() => k.adc(y, out, rows, n, adc, factors, failed, new FastRandom(new XoshiroRandom(1)))).not.toThrow();
  });

  it('grows the host thread\'s own memory for large regions, and jobs run on the grown memory', () => {
    const k = host();
    const [x, out] = k.localRegions(3_000_000, 3);
    x.fill(-2).subarray(2 * 1_000_000).fill(5);
    k.absMaxRows(x, 3, 1_000_000, out);
    expect(Array.from(out)).toEqual([2, 2, 5]);
  });

  /**
   * The ADC of y ~ U(-4, 4), written into y first, or (copying) handed to adc to copy in, and
   * out copied to an array outside the shared memory (returned as `copied`).
   */
  function runAdc(adc: AdcSettings, seed: number, threads = 2, copying = false) {
    const k = host(threads);
    const [y, out, factors, flags] = k.regions(rows * n, rows * n, rows, rows);
    const values = uniform(rows * n, 7, -4, 4);
    if (copying) y.fill(NaN);
    else y.set(values);
    factors.set(uniform(rows, 8, 0.5, 2));
    const failed = new Int32Array(flags.buffer, flags.byteOffset, rows);
    const copied = new Float32Array(rows * n).fill(NaN);
    k.adc(y, out, rows, n, adc, factors, failed, new FastRandom(new XoshiroRandom(seed)), copying ? { from: values, to: copied } : {});
    return { y: y.slice(), out: out.slice(), factors: factors.slice(), failed: Array.from(failed), copied };
  }

  for (const testAbs of [true, false]) {
    it(`adc without noise quantises, tests the bound (${testAbs ? '|y|' : 'y'}), clips and scales as the graph`, () => {
      const adc = { sigma: 0, step: Math.fround(12 / 255), bound: Math.fround(3.9), testAbs };
      const { y, out, factors, failed } = runAdc(adc, 1);
      let anyFailed = false;
      for (let r = 0; r < rows; r++) {
        let m = -Infinity;
        for (let j = 0; j < n; j++) {
          const i = r * n + j;
          const a = quantize(y[i]!, adc.step);
          m = Math.max(m, testAbs ? Math.abs(a) : a);
          const expected = Math.fround(clip(a, adc.bound) * factors[r]!);
          if (out[i] !== expected) expect(out[i], `value ${i}`).toBe(expected);
        }
        expect(failed[r] !== 0, `row ${r}`).toBe(m > adc.bound);
        anyFailed ||= m > adc.bound;
      }
      expect(anyFailed).toBe(true);
    });
  }

  it('adc adds sigma * N(0, 1) before the ADC, the same numbers on any number of threads', async () => {
    await host(3).whenReady();
    const adc = { sigma: 0.25, step: 0, bound: Infinity, testAbs: true };
    const { y, out, factors } = runAdc(adc, 2, 1);
    const noise = Float64Array.from(out, (v, i) => v / factors[Math.floor(i / n)]! - y[i]!);
    const { mean, variance } = moments(noise);
    expect(Math.abs(mean)).toBeLessThan((5 * adc.sigma) / Math.sqrt(noise.length));
    expect(Math.abs(variance / adc.sigma ** 2 - 1)).toBeLessThan(5 * Math.sqrt(2 / noise.length) + 1e-5);
    expect(runAdc(adc, 2, 3).out).toEqual(out);
    expect(runAdc(adc, 3, 2).out).not.toEqual(out);
  });

  it('adc copies y in and out out of the shared memory while its threads work, with the same results on 1, 2 or 3 threads', async () => {
    await host(3).whenReady();
    const adc = { sigma: 0.25, step: Math.fround(12 / 255), bound: Math.fround(3.9), testAbs: false };
    const { copied: _, ...expected } = runAdc(adc, 4);
    for (const threads of [1, 2, 3]) {
      const { copied, ...result } = runAdc(adc, 4, threads, true);
      expect(result, `${threads} threads`).toEqual(expected);
      expect(copied, `${threads} threads: out copied`).toEqual(expected.out);
    }
    const k = host();
    const [y, out, factors, flags] = k.regions(rows * n, rows * n, rows, rows);
    const failed = new Int32Array(flags.buffer, flags.byteOffset, rows);
    const random = new FastRandom(new XoshiroRandom(4));
    const short = new Float32Array(rows * n - 1);
    expect(() => k.adc(y, out, rows, n, adc, factors, failed, random, { from: short })).toThrow(/copies 37 x 1023 values into y from an array of 37850/);
    expect(() => k.adc(y, out, rows, n, adc, factors, failed, random, { to: short })).toThrow(/copies 37 x 1023 values out to an array of 37850/);
  });

  it('grows the shared memory for large regions', () => {
    const k = host();
    const [big] = k.regions(8_000_000);
    big[big.length - 1] = 5;
    expect(big.length).toBe(8_000_000);
    expect(big[big.length - 1]).toBe(5);
  });

  it('refuses work memory beyond 1 GiB with a KernelError that says to split the batch', () => {
    expect(() => host().regions(300_000_000)).toThrow(KernelError);
    expect(() => host().regions(300_000_000)).toThrow(/split the batch/);
    expect(host().regions(10)[0].length).toBe(10);
  });

  it('keeps working on the calling thread after dispose()', () => {
    const k = new HostKernels(3);
    const before = new Float32Array(50_000);
    k.normals(before, 1, new FastRandom(new XoshiroRandom(9)));
    k.dispose();
    const after = new Float32Array(50_000);
    k.normals(after, 1, new FastRandom(new XoshiroRandom(9)));
    expect(after).toEqual(before);
  });
});

describe('host-kernels.wat', () => {
  it('is the module the backend runs (npm run wasm -w @analogkit/backend-onnx regenerates it)', async () => {
    expect(readFileSync(HOST_KERNELS_GENERATED_URL, 'utf8')).toBe(await generateHostKernelsModuleSource());
  });
});
