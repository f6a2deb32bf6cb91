import { SinglePairConductanceConverter } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { foldedNormal, levelRow, meanStd, rng } from '../inference-test-support.js';
import { StateIndependentNoiseModel } from '../parameters/state-independent-noise-model.js';
import { StateIndependentNoiseModelPlugin } from './state-independent-noise-model-plugin.js';

const plugin = new StateIndependentNoiseModelPlugin();
const N = 20001;

describe('StateIndependentNoiseModel', () => {
  it("has aihwkit's defaults and takes g_max from its converter", () => {
    const p = new StateIndependentNoiseModel();
    expect(p.fieldValues()).toEqual({
      g_converter: new SinglePairConductanceConverter(),
      g_max: 25,
      prog_coeff: [0.2, 0, 0],
      prog_noise_scale: 1,
      drift_nu_mean: 0.1,
      drift_nu_std: 0.05,
      drift_scale: 1,
      t_0: 20,
      read_noise_scale: 1,
      t_read: 250e-9,
    });
    expect(new StateIndependentNoiseModel({ g_converter: new SinglePairConductanceConverter({ g_max: 40 }) }).g_max).toBe(40);
    expect(new StateIndependentNoiseModel({ g_max: 40 }).g_converter).toMatchObject({ g_max: 40 });
    expect(() => new StateIndependentNoiseModel({ g_max: 30, g_converter: new SinglePairConductanceConverter({ g_max: 40 }) })).toThrow(/differs from g_converter.g_max/);
  });

  it('programs with constant 0.2 µS noise (partner: max(0.2ξ, 0)) and nu ~ |N(0.1, 0.05)| at every level (std 3-4%)', () => {
    for (const level of [0.2, 1]) {
      const state = plugin.program(new StateIndependentNoiseModel(), levelRow(level, N), 1, N, rng(31));
      const g = meanStd(Float64Array.from(state.weights.subarray(1), (w) => w * 25));
      expect(Math.abs(g.std / Math.sqrt(0.04 + 0.04 * (0.5 - 1 / (2 * Math.PI))) - 1)).toBeLessThan(0.03);
      const expected = foldedNormal(0.1, 0.05);
      for (const nu of [state.nu_0!, state.nu_1!]) {
        const m = meanStd(nu.subarray(1));
        expect(Math.abs(m.mean - expected.mean)).toBeLessThan((4 * expected.std) / Math.sqrt(N));
        expect(Math.abs(m.std / expected.std - 1)).toBeLessThan(0.04);
      }
    }
  });

  it('reads with noise |g_d/g_max|·sqrt(ln((t + t_read)/(2 t_read))) µS (3%)', () => {
    const params = new StateIndependentNoiseModel({ prog_noise_scale: 0, drift_scale: 0 });
    const programmed = plugin.program(params, new Float32Array(N).fill(1), 1, N, rng(32));
    const drifted = plugin.applyDrift(params, programmed, 3600, rng(33));
    const expectedUs = Math.sqrt(Math.log((3620 + 250e-9) / (2 * 250e-9)));
    expect(Math.abs((meanStd(drifted).std * 25) / expectedUs - 1)).toBeLessThan(0.03);
  });

  it('without noise and with fixed nu, drifts every weight by ((t + t_0)/t_0)^-nu', () => {
    const params = new StateIndependentNoiseModel({ prog_noise_scale: 0, read_noise_scale: 0, drift_nu_std: 0, drift_nu_mean: 0.1 });
    const w = Float32Array.of(0.3, -1, 0.5, 0);
    const drifted = plugin.applyDrift(params, plugin.program(params, w, 2, 2, rng(34)), 1000, rng(35));
    for (let k = 0; k < 4; k++) expect(drifted[k]).toBeCloseTo(w[k]! * 51 ** -0.1, 6);
  });
});
