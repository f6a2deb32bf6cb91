import { ConfigError, SinglePairConductanceConverter } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { rng } from '../inference-test-support.js';
import { CustomDriftModel } from '../parameters/custom-drift-model.js';
import { CustomDriftPCMLikeNoiseModel } from '../parameters/custom-drift-pcm-like-noise-model.js';
import { CustomDriftPCMLikeNoiseModelPlugin } from './custom-drift-pcm-like-noise-model-plugin.js';

const plugin = new CustomDriftPCMLikeNoiseModelPlugin();
const table = new CustomDriftModel({ g_lst: [0, 10, 25], nu_mean_lst: [0.1, 0.05, 0.02], nu_std_lst: [0, 0, 0] });

describe('CustomDriftPCMLikeNoiseModel', () => {
  it('interpolates the drift exponent linearly in the table at each device target (partner at g = 0)', () => {
    const params = new CustomDriftPCMLikeNoiseModel({ custom_drift_model: table, prog_noise_scale: 0, drift_scale: 2 });
    // Targets 25, 5, 17.5 µS.
    const state = plugin.program(params, Float32Array.of(1, 0.2, 0.7), 1, 3, rng(41));
    const expected = [0.02, 0.075, 0.035].map((nu) => nu * 2);
    expected.forEach((nu, k) => expect(state.nu_0![k]).toBeCloseTo(nu, 6));
    expect(Array.from(state.nu_1!).every((nu) => Math.abs(nu - 0.2) < 1e-6)).toBe(true);
  });

  it('drifts with the PCM flow and the table exponents', () => {
    const params = new CustomDriftPCMLikeNoiseModel({ custom_drift_model: table, prog_noise_scale: 0, read_noise_scale: 0 });
    const w = Float32Array.of(1, 0.2);
    const drifted = plugin.applyDrift(params, plugin.program(params, w, 1, 2, rng(42)), 3600, rng(43));
    expect(drifted[0]).toBeCloseTo(181 ** -0.02, 6);
    expect(drifted[1]).toBeCloseTo(0.2 * 181 ** -0.075, 6);
  });

  it('requires a table covering the converter range, ascending, of equal lengths', () => {
    expect(() => new CustomDriftPCMLikeNoiseModel()).toThrow(/custom_drift_model is required/);
    const narrow = new CustomDriftModel({ g_lst: [1, 25], nu_mean_lst: [0.1, 0.1], nu_std_lst: [0, 0] });
    expect(() => new CustomDriftPCMLikeNoiseModel({ custom_drift_model: narrow })).toThrow(/outside the drift table's range \[1, 25\]/);
    expect(
      () => new CustomDriftPCMLikeNoiseModel({ custom_drift_model: narrow, g_converter: new SinglePairConductanceConverter({ g_min: 1, g_max: 20 }) }).g_max,
    ).not.toThrow();
    expect(() => new CustomDriftModel({ g_lst: [0, 5, 2], nu_mean_lst: [0, 0, 0], nu_std_lst: [0, 0, 0] })).toThrow(/ascending/);
    expect(() => new CustomDriftModel({ g_lst: [0, 5], nu_mean_lst: [0], nu_std_lst: [0, 0] })).toThrow(ConfigError);
  });
});
