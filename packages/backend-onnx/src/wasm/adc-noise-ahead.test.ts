import { KernelError, XoshiroRandom } from '@analogkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { FastRandom } from '../random/fast-random.js';
import { HostKernels, type AdcNoise } from './host-kernels.js';

const rows = 70;
const n = 1000; // 16 rows per chunk: 5 chunks, the last one short
const chunks = 5;
const adc = { sigma: 0.3, step: Math.fround(12 / 255), bound: 6, testAbs: true };

const withBackground = new HostKernels(2);
const withoutBackground = new HostKernels(2, { background: false });
afterAll(() => {
  withBackground.dispose();
  withoutBackground.dispose();
});

function uniform(length: number, seed: number, lo: number, hi: number): Float32Array {
  const rng = new XoshiroRandom(seed);
  return Float32Array.from({ length }, () => lo + (hi - lo) * rng.uniform());
}

/** Sleeps the calling thread (letting the background thread run). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The ADC's regions on `k`, with y and the factors filled. */
function adcRegions(k: HostKernels, size = rows) {
  const [y, out, values, factors, flags, claimWords] = k.regions(size * n, size * n, size * n, size, size, size);
  y.set(uniform(size * n, 1, -4, 4));
  factors.set(uniform(size, 2, 0.5, 2));
  const failed = new Int32Array(flags.buffer, flags.byteOffset, size);
  const claims = new Int32Array(claimWords.buffer, claimWords.byteOffset, size);
  return { y, out, values, factors, failed, claims };
}

/** The ADC of the first `used` rows with its noise from the generator: the numbers every other way must give. */
function adcWithGenerator(seed: number, sigma = adc.sigma, used = rows) {
  const k = withoutBackground;
  const { y, out, factors, failed } = adcRegions(k);
  const random = new FastRandom(new XoshiroRandom(seed));
  k.adc(y, out, used, n, { ...adc, sigma }, factors, failed, random);
  return { out: out.slice(0, used * n), failed: Array.from(failed.subarray(0, used)), next: random.nextInt32() };
}

/** The ADC of the first `used` rows with the noise of all rows started ahead; `between` runs after the start. */
function adcAhead(k: HostKernels, seed: number, between: (noise: AdcNoise) => void = () => {}, used = rows) {
  const { y, out, values, factors, failed, claims } = adcRegions(k);
  const random = new FastRandom(new XoshiroRandom(seed));
  const noise = k.adcNoiseAhead(values, rows, n, adc.sigma, claims, random);
  between(noise);
  k.adc(y, out, used, n, adc, factors, failed, noise);
  return { out: out.slice(0, used * n), failed: Array.from(failed.subarray(0, used)), next: random.nextInt32() };
}

describe('HostKernels ADC noise drawn ahead', () => {
  it('gives the numbers of the ADC with the generator, whether the noise was drawn ahead, partly, or not at all', async () => {
    await withBackground.whenReady();
    const expected = adcWithGenerator(5);
    expect(adcAhead(withoutBackground, 5)).toEqual(expected);
    expect(adcAhead(withBackground, 5)).toEqual(expected);
    expect(adcAhead(withBackground, 5, () => sleep(2))).toEqual(expected);
    expect(adcAhead(withBackground, 6)).not.toEqual(expected);
  });

  it('serves an ADC of fewer rows than it was started for (a chunk cut short included) with that ADC\'s numbers', async () => {
    await withBackground.whenReady();
    const expected = adcWithGenerator(8, adc.sigma, 40);
    expect(adcAhead(withoutBackground, 8, () => {}, 40)).toEqual(expected);
    expect(adcAhead(withBackground, 8, () => sleep(2), 40)).toEqual(expected);
  });

  it.skipIf(process.platform !== 'linux')('draws it on a background thread of the lowest priority (Linux only: the thread lowers its priority by thread id)', async () => {
    await withBackground.whenReady();
    expect(withBackground.drawsAhead).toBe(true);
    const expected = adcWithGenerator(7);
    const result = adcAhead(withBackground, 7, (noise) => {
      for (let waited = 0; waited < 5_000 && !noise.claims.every((claim) => claim === 2); waited += 5) sleep(5);
      expect(Array.from(noise.claims), 'every chunk drawn by the background thread').toEqual(new Array(chunks).fill(2));
    });
    expect(result).toEqual(expected);
  });

  it('draws a chunk that another thread is still drawing itself, without waiting for that thread', () => {
    const expected = adcWithGenerator(9);
    let values: Float32Array | null = null;
    const started = performance.now();
    // a thread that claimed chunk 1 and never finishes it
    const result = adcAhead(withoutBackground, 9, (noise) => {
      values = noise.values;
      values.fill(5);
      Atomics.store(noise.claims, 1, 1);
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toEqual(expected);
    expect(values!.subarray(16 * n, 32 * n).every((v) => v === 5), 'the other thread\'s chunk left to it').toBe(true);
  });

  it('refuses noise started for another shape or fewer rows, used already, or whose memory was reused since', () => {
    const k = withoutBackground;
    const random = new FastRandom(new XoshiroRandom(3));
    const { y, out, values, factors, failed, claims } = adcRegions(k);
    const noise = k.adcNoiseAhead(values, rows, n, adc.sigma, claims, random);
    expect(() => k.adc(y, out, rows + 1, n, adc, factors, failed, noise)).toThrow(/fewer rows/);
    expect(() => k.adc(y, out, rows, n - 1, adc, factors, failed, noise)).toThrow(/another shape/);
    k.adc(y, out, rows, n, adc, factors, failed, noise);
    expect(() => k.adc(y, out, rows, n, adc, factors, failed, noise)).toThrow(/already used/);

    const again = adcRegions(k);
    const started = k.adcNoiseAhead(again.values, rows, n, adc.sigma, again.claims, random);
    const reused = adcRegions(k);
    expect(() => k.adc(reused.y, reused.out, rows, n, adc, reused.factors, reused.failed, started)).toThrow(/reused/);
    expect(() => k.adcNoiseAhead(again.values, rows, n, adc.sigma, again.claims.subarray(0, 2), random)).toThrow(/needs 5 claim words/);
    expect(() => k.adcNoiseAhead(again.values.subarray(1), rows, n, adc.sigma, again.claims, random)).toThrow(KernelError);
    expect(() => k.adcNoiseAhead(new Float32Array(rows * n), rows, n, adc.sigma, again.claims, random)).toThrow(/shared memory/);
  });

  it('keeps the background thread out of memory that is reused before the ADC ran', async () => {
    await withBackground.whenReady();
    const big = 4000; // 250 chunks: the thread is still drawing when the memory is taken back
    const { values, claims } = adcRegions(withBackground, big);
    const noise = withBackground.adcNoiseAhead(values, big, n, adc.sigma, claims, new FastRandom(new XoshiroRandom(4)));
    const [, , reused] = withBackground.regions(big * n, big * n, big * n);
    expect(reused.byteOffset).toBe(values.byteOffset);
    reused.fill(7);
    sleep(50);
    expect(reused.every((v) => v === 7)).toBe(true);
    expect(noise.claims.every((claim) => claim === 2 || claim === 3)).toBe(true);
  });
});
