import { ConstantStepDevice, ConfigError } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { ExpStepDevice, LinearStepDevice, SoftBoundsReferenceDevice } from '../pulsed/index.js';
import * as presets from './index.js';

/* The device presets carry aihwkit's numbers (simulator/presets/devices.py, SPEC §7), written out here. */

const close = (v: number) => expect.closeTo(v, 12);

describe('device presets', () => {
  it('ReRamESPresetDevice: exponential step fit of Gong et al. 2018', () => {
    const d = presets.ReRamESPresetDevice();
    expect(d).toBeInstanceOf(ExpStepDevice);
    expect(d).toMatchObject({
      dw_min: 0.00135,
      up_down: 0.259359,
      w_max: 1,
      w_min: -1,
      a: -0.5,
      b: -0.5,
      gamma_up: 5,
      gamma_down: 5,
      A_up: -1.18445,
      A_down: -0.081404,
      dw_min_dtod: 0.2,
      up_down_dtod: 0.05,
      w_max_dtod: 0.3,
      w_min_dtod: 0.3,
      dw_min_std: 5,
      write_noise_std: 75,
    });
  });

  it('ReRamSBPresetDevice: soft bounds with a reference', () => {
    const d = presets.ReRamSBPresetDevice();
    expect(d).toBeInstanceOf(SoftBoundsReferenceDevice);
    expect(d).toMatchObject({
      dw_min: 0.002,
      up_down: 0,
      w_max: 1.25,
      w_min: -0.75,
      mult_noise: false,
      dw_min_dtod: 0.3,
      up_down_dtod: 0.01,
      w_max_dtod: close(0.24),
      w_min_dtod: close(0.4),
      dw_min_std: 3.75,
      write_noise_std: 56,
      subtract_symmetry_point: false,
    });
  });

  it('CapacitorPresetDevice: linear step with leakage', () => {
    const d = presets.CapacitorPresetDevice();
    expect(d).toBeInstanceOf(LinearStepDevice);
    expect(d).toMatchObject({
      dw_min: 0.005,
      up_down: 0,
      w_max: 1,
      w_min: -1,
      mult_noise: false,
      gamma_up: 0.05,
      gamma_down: 0.05,
      dw_min_dtod: 0.1,
      up_down_dtod: 0.06,
      w_max_dtod: 0.07,
      w_min_dtod: 0.07,
      gamma_up_dtod: 0.01,
      gamma_down_dtod: 0.01,
      dw_min_std: 0.3,
      write_noise_std: 0,
      mean_bound_reference: true,
      lifetime: 1e6,
      lifetime_dtod: 0.3,
    });
  });

  it('EcRamPresetDevice and EcRamMOPresetDevice: linear step ECRAMs', () => {
    const shared = {
      up_down: 0,
      mult_noise: true,
      dw_min_dtod: 0.1,
      up_down_dtod: 0.01,
      w_max_dtod: 0.05,
      w_min_dtod: 0.05,
      gamma_up_dtod: 0.05,
      gamma_down_dtod: 0.05,
      write_noise_std: 0,
      mean_bound_reference: true,
    };
    const li = presets.EcRamPresetDevice();
    expect(li).toBeInstanceOf(LinearStepDevice);
    expect(li).toMatchObject({ ...shared, dw_min: 0.002, w_max: 1.1724, w_min: -0.8276, gamma_up: 0.1153, gamma_down: 0.5085, dw_min_std: 0.3 });
    const mo = presets.EcRamMOPresetDevice();
    expect(mo).toBeInstanceOf(LinearStepDevice);
    expect(mo).toMatchObject({ ...shared, dw_min: 2.8214e-4, w_max: 1.1714, w_min: -0.8286, gamma_up: 0.4152, gamma_down: 0.7342, dw_min_std: 2 });
  });

  it('IdealizedPresetDevice and GokmenVlasovPresetDevice: constant steps', () => {
    const shared = { dw_min_dtod: 0.3, dw_min_std: 0.3, up_down: 0, w_max: 1, w_min: -1, w_max_dtod: 0.3, w_min_dtod: 0.3 };
    const ideal = presets.IdealizedPresetDevice();
    expect(ideal).toBeInstanceOf(ConstantStepDevice);
    expect(ideal).toMatchObject({ ...shared, dw_min: 0.0002, up_down_dtod: 0 });
    const gv = presets.GokmenVlasovPresetDevice();
    expect(gv).toBeInstanceOf(ConstantStepDevice);
    expect(gv).toMatchObject({ ...shared, dw_min: 0.0016, up_down_dtod: 0.01 });
  });

  it('PCMPresetDevice: uni-directional exponential step with reset variation', () => {
    const d = presets.PCMPresetDevice();
    expect(d).toBeInstanceOf(ExpStepDevice);
    expect(d).toMatchObject({
      dw_min: 0.01,
      up_down: 0,
      w_max: 2,
      w_min: 0,
      a: -1,
      b: 0,
      gamma_up: 2.5,
      gamma_down: 2.5,
      A_up: -27.235,
      A_down: -2.235,
      dw_min_dtod: 0.2,
      up_down_dtod: 0.05,
      w_max_dtod: 0.1,
      w_min_dtod: 0,
      dw_min_std: 0.6,
      dw_min_std_add: 0.042,
      dw_min_std_slope: 0.108,
      write_noise_std: 0,
      reset: 0.01,
      reset_dtod: 0.02,
    });
  });

  it.each([
    ['ReRamArrayOMPresetDevice', presets.ReRamArrayOMPresetDevice, [0.0949, 0.7829, 0.3499, 0.5695, 0.4158, 1.4113]],
    ['ReRamArrayHfO2PresetDevice', presets.ReRamArrayHfO2PresetDevice, [0.4622, 0.7125, 0.4295, 0.599, 0.2174, 0.5841]],
  ] as const)('%s: fitted array measurements', (_name, make, [dwMin, dwMinDtod, wMaxDtod, wMinDtod, dwMinStd, writeNoise]) => {
    const d = make();
    expect(d).toBeInstanceOf(SoftBoundsReferenceDevice);
    expect(d).toMatchObject({
      enforce_consistency: true,
      dw_min_dtod_log_normal: true,
      up_down: 0,
      w_max: 1,
      w_min: -1,
      mult_noise: false,
      up_down_dtod: 0.01,
      corrupt_devices_range: 0.01,
      corrupt_devices_prob: 0,
      subtract_symmetry_point: true,
      reference_std: 0.05,
      dw_min: dwMin,
      dw_min_dtod: dwMinDtod,
      w_max_dtod: wMaxDtod,
      w_min_dtod: wMinDtod,
      dw_min_std: dwMinStd,
      write_noise_std: writeNoise,
    });
  });

  it('keeps the model defaults for the fields a preset does not set', () => {
    expect(presets.ReRamESPresetDevice()).toMatchObject({ dw_min_std_add: 0, dw_min_std_slope: 0, lifetime: 0, reset_std: 0.01 });
    expect(presets.EcRamPresetDevice()).toMatchObject({ lifetime: 0, allow_increasing: false });
  });

  it('applies overrides like the keyword arguments of aihwkit presets, and validates them', () => {
    const d = presets.ReRamSBPresetDevice({ subtract_symmetry_point: true, dw_min: 0.001 });
    expect(d).toMatchObject({ subtract_symmetry_point: true, dw_min: 0.001, w_max: 1.25, write_noise_std: 56 });
    expect(presets.PCMPresetDevice({ drift: { nu: 0.05 } }).drift.nu).toBe(0.05);
    expect(() => presets.CapacitorPresetDevice({ dw_min: -1 })).toThrow(ConfigError);
  });

  it('returns a fresh object on every call', () => {
    const a = presets.IdealizedPresetDevice();
    a.dw_min = 0.5;
    a.drift.nu = 0.2;
    const b = presets.IdealizedPresetDevice();
    expect(b.dw_min).toBe(0.0002);
    expect(b.drift.nu).toBe(0);
  });
});
