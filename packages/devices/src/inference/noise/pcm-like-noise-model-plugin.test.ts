import { PCMLikeNoiseModel, SinglePairConductanceConverter } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { foldedNormal, levelRow, meanStd, rng } from '../inference-test-support.js';
import { PCMLikeNoiseModelPlugin } from './pcm-like-noise-model-plugin.js';

const plugin = new PCMLikeNoiseModelPlugin();
const N = 20001;
const others = (a: Float32Array) => a.subarray(1);

/** SPEC §5 programming-noise polynomial (µS) at g_T, fitted at g_max 25. */
const progSigma = (gT: number, gMax: number) => (0.26348 + 1.965 * (gT / gMax) - 1.1731 * (gT / gMax) ** 2) * (gMax / 25);
/** SPEC §5 drift-exponent fit (before folding). */
const nuFit = (gR: number) => {
  const ln = Math.log(Math.max(gR, 1e-7));
  return { mu: Math.min(Math.max(-0.0155 * ln + 0.0244, 0.049), 0.1), sigma: Math.min(Math.max(-0.0125 * ln - 0.0059, 0.008), 0.045) };
};

describe('PCMLikeNoiseModel plugin: programming', () => {
  // The device programmed to g_T gets N(0, σ(g_T)); its partner at 0 gets max(σ(0)ξ', 0) (SPEC
  // §11.14: half of them stay at 0, the others are half-normal), so s·W_prog = g_T + σ(g_T)ξ -
  // max(σ(0)ξ', 0), whose mean is g_T - σ(0)/sqrt(2π) and variance σ(g_T)² + σ(0)²(1/2 - 1/(2π)).
  it.each([
    [0.1, 25],
    [0.5, 25],
    [1.0, 25],
    [0.5, 50],
  ])('level %s at g_max %s: std per the polynomial (3%), mean shifted by the partner (4 SE)', (level, gMax) => {
    const params = new PCMLikeNoiseModel({ g_max: gMax });
    const state = plugin.program(params, levelRow(level, N), 1, N, rng(11));
    const g = Float64Array.from(others(state.weights), (w) => w * gMax);
    const gT = level * gMax;
    const s0 = progSigma(0, gMax);
    const expectedStd = Math.sqrt(progSigma(gT, gMax) ** 2 + s0 ** 2 * (0.5 - 1 / (2 * Math.PI)));
    const { mean, std } = meanStd(g);
    expect(Math.abs(std / expectedStd - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean - (gT - s0 / Math.sqrt(2 * Math.PI)))).toBeLessThan((4 * expectedStd) / Math.sqrt(N));
  });

  it('draws one drift exponent per device: moments per conductance level match the PCM fit (mean 4 SE, std 4%)', () => {
    for (const level of [1, 0.1, 0.01]) {
      const state = plugin.program(new PCMLikeNoiseModel(), levelRow(level, N), 1, N, rng(12));
      const fit = nuFit(level);
      const expected = foldedNormal(fit.mu, fit.sigma);
      const { mean, std } = meanStd(others(state.nu_0!));
      expect(Math.abs(mean - expected.mean), `mean at ${level}`).toBeLessThan((4 * expected.std) / Math.sqrt(N));
      expect(Math.abs(std / expected.std - 1), `std at ${level}`).toBeLessThan(0.04);
      // The zero-conductance partner has its own exponent from the fit at g_r = 1e-7: |N(0.1, 0.045)|.
      const partner = foldedNormal(0.1, 0.045);
      const p = meanStd(others(state.nu_1!));
      expect(Math.abs(p.mean - partner.mean)).toBeLessThan((4 * partner.std) / Math.sqrt(N));
      expect(Math.abs(p.std / partner.std - 1)).toBeLessThan(0.04);
    }
  });

  it('scales the exponents by drift_scale and the programming noise by prog_noise_scale (0: exact weights)', () => {
    const w = levelRow(0.3, 101);
    const state = plugin.program(new PCMLikeNoiseModel({ prog_noise_scale: 0, drift_scale: 0 }), w, 1, 101, rng(3));
    expect(Array.from(state.weights)).toEqual(Array.from(w));
    expect(state.nu_0!.every((v) => v === 0)).toBe(true);
  });
});

describe('PCMLikeNoiseModel plugin: drift and read noise', () => {
  const quiet = new PCMLikeNoiseModel({ prog_noise_scale: 0, read_noise_scale: 0 });

  it.each([
    ['1 h', 3600],
    ['1 day', 86400],
  ])('drifts every device by ((t + t_0)/t_0)^-nu at %s (float32), mean factor vs the fit at g_max (4 SE)', (_label, t) => {
    const w = levelRow(1, N);
    w.fill(0.1, 1, 101);
    const programmed = plugin.program(quiet, w, 1, N, rng(5));
    const drifted = plugin.applyDrift(quiet, programmed, t, rng(6));
    const ratio = (t + 20) / 20;
    let worst = 0;
    for (let k = 0; k < N; k++) worst = Math.max(worst, Math.abs(drifted[k]! / w[k]! - ratio ** -programmed.nu_0![k]!));
    expect(worst).toBeLessThan(1e-6);
    // At g_max ν ~ N(0.049, 0.008) (folding negligible): E[r^-ν] = exp(-μ ln r + σ² ln² r / 2).
    const factors = Float64Array.from(drifted.subarray(101), (v) => v);
    const L = Math.log(ratio);
    const expected = Math.exp(-0.049 * L + (0.008 ** 2 * L * L) / 2);
    const { mean, std } = meanStd(factors);
    expect(Math.abs(mean - expected)).toBeLessThan((4 * std) / Math.sqrt(factors.length));
    if (t === 86400) expect(mean).toBeGreaterThan(4321 ** -0.1);
  });

  it('is absolute in time: the same t gives the same weights however often it is called', () => {
    const programmed = plugin.program(quiet, levelRow(0.4, 64), 1, 64, rng(7));
    const a = plugin.applyDrift(quiet, programmed, 1000, rng(8));
    plugin.applyDrift(quiet, programmed, 1e5, rng(9));
    expect(Array.from(plugin.applyDrift(quiet, programmed, 1000, rng(10)))).toEqual(Array.from(a));
  });

  it('1/f read noise at g_max after 1 h: relative std 0.0088·sqrt(ln((t + t_read)/(2 t_read))) (3%)', () => {
    const params = new PCMLikeNoiseModel({ prog_noise_scale: 0, drift_scale: 0 });
    const programmed = plugin.program(params, new Float32Array(N).fill(1), 1, N, rng(13));
    const drifted = plugin.applyDrift(params, programmed, 3600, rng(14));
    const expected = 0.0088 * Math.sqrt(Math.log((3620 + 250e-9) / (2 * 250e-9)));
    expect(expected).toBeCloseTo(0.0419, 3);
    const { mean, std } = meanStd(drifted);
    expect(Math.abs(std / expected - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean - 1)).toBeLessThan((4 * expected) / Math.sqrt(N));
  });

  it('takes the conductance scale at drift time from max|programmed W| (SPEC §11.14): Q_s at half of it is 0.0088/0.5^0.65', () => {
    const params = new PCMLikeNoiseModel({ drift_scale: 0 });
    // A programmed state whose max is 2: devices at 1 sit at g_max/2 whatever the original scale.
    const weights = new Float32Array(N).fill(1);
    weights[0] = 2;
    const programmed = { weights, nu_0: new Float32Array(N), nu_1: new Float32Array(N) };
    const drifted = plugin.applyDrift(params, programmed, 3600, rng(15));
    const expected = (0.0088 / 0.5 ** 0.65) * Math.sqrt(Math.log((3620 + 250e-9) / (2 * 250e-9)));
    expect(Math.abs(meanStd(others(drifted)).std / expected - 1)).toBeLessThan(0.03);
  });

  it('drifts a weight whose programming flipped its sign with the partner device exponent (SPEC §11.14)', () => {
    // Tiny targets: the partner's half-normal programming noise makes about half of them negative.
    const w = levelRow(1e-4, 2001);
    const params = new PCMLikeNoiseModel({ read_noise_scale: 0 });
    const programmed = plugin.program(params, w, 1, 2001, rng(16));
    const drifted = plugin.applyDrift(params, programmed, 1000, rng(17));
    let flipped = 0;
    for (let k = 1; k < 2001; k++) {
      const wp = programmed.weights[k]!;
      if (wp === 0) continue;
      const nu = wp < 0 ? programmed.nu_1![k]! : programmed.nu_0![k]!;
      if (wp < 0) flipped++;
      expect(drifted[k]! / wp).toBeCloseTo(51 ** -nu, 4);
    }
    expect(flipped).toBeGreaterThan(500);
  });

  it('reads with noise at t_inference = 0 too (t = t_0, no drift)', () => {
    const params = new PCMLikeNoiseModel({ prog_noise_scale: 0 });
    const programmed = plugin.program(params, new Float32Array(N).fill(1), 1, N, rng(18));
    const { mean, std } = meanStd(plugin.applyDrift(params, programmed, 0, rng(19)));
    const expected = 0.0088 * Math.sqrt(Math.log((20 + 250e-9) / (2 * 250e-9)));
    expect(Math.abs(std / expected - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean - 1)).toBeLessThan((4 * expected) / Math.sqrt(N));
  });

  it('works through a converter with g_min > 0 and keeps zero weights at zero without noise', () => {
    const params = new PCMLikeNoiseModel({ g_converter: new SinglePairConductanceConverter({ g_max: 25, g_min: 2 }), prog_noise_scale: 0, read_noise_scale: 0 });
    const w = Float32Array.of(1, -0.5, 0, 0.25);
    const programmed = plugin.program(params, w, 1, 4, rng(20));
    expect(Array.from(programmed.weights)).toEqual(Array.from(w));
    const drifted = plugin.applyDrift(params, programmed, 0, rng(21));
    expect(Array.from(drifted)).toEqual(Array.from(w));
  });
});
