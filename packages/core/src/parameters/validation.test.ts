import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import {
  InferenceRPUConfig,
  InputRangeParameter,
  IOParameters,
  MappingParameter,
  PCMLikeNoiseModel,
  SingleRPUConfig,
  UpdateParameters,
  VectorUnitCell,
  WeightModifierParameter,
  ConstantStepDevice,
  FloatingPointRPUConfig,
  NoiseManagementType,
} from './index.js';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).field;
  }
  throw new Error('expected a ConfigError');
}

describe('validation names the field', () => {
  it('rejects negative probabilities and probabilities above 1', () => {
    expect(fieldOf(() => new WeightModifierParameter({ pdrop: -0.1 }))).toBe('WeightModifierParameter.pdrop');
    expect(fieldOf(() => new WeightModifierParameter({ pdrop: 1.5 }))).toBe('WeightModifierParameter.pdrop');
    expect(fieldOf(() => new ConstantStepDevice({ corrupt_devices_prob: -1 }))).toBe('ConstantStepDevice.corrupt_devices_prob');
    expect(fieldOf(() => new InputRangeParameter({ input_min_percentage: 2 }))).toBe('InputRangeParameter.input_min_percentage');
  });

  it('rejects negative std-devs and rates', () => {
    expect(fieldOf(() => new IOParameters({ out_noise: -0.1 }))).toBe('IOParameters.out_noise');
    expect(fieldOf(() => new ConstantStepDevice({ dw_min_std: -1 }))).toBe('ConstantStepDevice.dw_min_std');
    expect(fieldOf(() => new PCMLikeNoiseModel({ read_noise_scale: -1 }))).toBe('PCMLikeNoiseModel.read_noise_scale');
    expect(fieldOf(() => new PCMLikeNoiseModel({ g_max: 0 }))).toBe('PCMLikeNoiseModel.g_max');
  });

  it('rejects NaN and Infinity', () => {
    expect(fieldOf(() => new IOParameters({ inp_noise: NaN }))).toBe('IOParameters.inp_noise');
    expect(fieldOf(() => new IOParameters({ out_bound: Infinity }))).toBe('IOParameters.out_bound');
    expect(fieldOf(() => new UpdateParameters({ res: -Infinity }))).toBe('UpdateParameters.res');
    expect(fieldOf(() => new WeightModifierParameter({ coeffs: [1, NaN] }))).toBe('WeightModifierParameter.coeffs');
  });

  it('rejects unknown enum members', () => {
    expect(fieldOf(() => new IOParameters({ noise_management: 'ABSMAX' as never }))).toBe('IOParameters.noise_management');
    expect(fieldOf(() => new VectorUnitCell({ update_policy: 'SOME' as never }))).toBe('VectorUnitCell.update_policy');
  });

  it('rejects unknown fields, including inherited Object members', () => {
    expect(fieldOf(() => new IOParameters({ out_nosie: 0.1 } as never))).toBe('IOParameters.out_nosie');
    expect(fieldOf(() => new IOParameters({ toString: 1 } as never))).toBe('IOParameters.toString');
    expect(fieldOf(() => new SingleRPUConfig({ forward: { bogus: 1 } } as never))).toBe('IOParameters.bogus');
  });

  it('rejects wrong types', () => {
    expect(fieldOf(() => new IOParameters({ inp_res: '0.1' as never }))).toBe('IOParameters.inp_res');
    expect(fieldOf(() => new IOParameters({ is_perfect: 1 as never }))).toBe('IOParameters.is_perfect');
    expect(fieldOf(() => new MappingParameter({ max_input_size: 1.5 }))).toBe('MappingParameter.max_input_size');
    expect(fieldOf(() => new InputRangeParameter({ calibration_info: 3 as never }))).toBe('InputRangeParameter.calibration_info');
    expect(fieldOf(() => new SingleRPUConfig({ forward: new UpdateParameters() as never }))).toBe('SingleRPUConfig.forward');
    expect(fieldOf(() => new SingleRPUConfig({ forward: 3 as never }))).toBe('SingleRPUConfig.forward');
    expect(fieldOf(() => new VectorUnitCell({ unit_cell_devices: [{}] as never }))).toBe('VectorUnitCell.unit_cell_devices');
    expect(fieldOf(() => new FloatingPointRPUConfig({ device: new ConstantStepDevice() as never }))).toBe('FloatingPointRPUConfig.device');
  });

  it('revalidates nested objects that were mutated before being passed in', () => {
    const io = new IOParameters();
    io.out_noise = -1;
    expect(fieldOf(() => new SingleRPUConfig({ forward: io }))).toBe('IOParameters.out_noise');
    const c = new SingleRPUConfig();
    c.update.desired_bl = 0;
    expect(fieldOf(() => c.validate())).toBe('UpdateParameters.desired_bl');
  });

  it('accepts resolutions <= 0 (no quantisation)', () => {
    const io = new IOParameters({ inp_res: -1, out_res: 0 });
    expect([io.inp_res, io.out_res]).toEqual([-1, 0]);
    expect(new UpdateParameters({ res: -1 }).res).toBe(-1);
    expect(new WeightModifierParameter({ res: -1 }).res).toBe(-1);
    expect(new IOParameters({ inp_res: 254, out_res: 254 }).inp_res).toBe(254);
  });

  it('accepts polymorphic devices and a null drift compensation', () => {
    const c = new InferenceRPUConfig({ drift_compensation: null });
    expect(c.drift_compensation).toBeNull();
    expect(c.copy().drift_compensation).toBeNull();
    const u = new SingleRPUConfig({ device: new VectorUnitCell() as never });
    expect(u.device).toBeInstanceOf(VectorUnitCell);
  });

  it('builds nested objects from plain objects over the defaults', () => {
    const c = new SingleRPUConfig({ forward: { out_noise: 0 }, device: { dw_min: 0.01 } });
    expect(c.forward).toBeInstanceOf(IOParameters);
    expect(c.forward.out_noise).toBe(0);
    expect(c.forward.out_bound).toBe(12);
    expect(c.device).toBeInstanceOf(ConstantStepDevice);
    expect(c.device.dw_min).toBe(0.01);
    const inf = new InferenceRPUConfig({ backward: { out_noise: 0 } });
    expect(inf.backward.is_perfect).toBe(true);
    expect(new InferenceRPUConfig({ pre_post: { input_range: { enable: true } } }).pre_post.input_range.enable).toBe(true);
  });

  it('does not alias arrays given to the constructor', () => {
    const coeffs = [1, 2, 3];
    const m = new WeightModifierParameter({ coeffs });
    coeffs[0] = 9;
    expect(m.coeffs).toEqual([1, 2, 3]);
  });

  it('keeps the IOParameters cross-field rules', () => {
    expect(fieldOf(() => new IOParameters({ inp_bound: 2 }))).toBe('IOParameters.inp_bound');
    expect(new IOParameters({ inp_bound: 2, noise_management: NoiseManagementType.NONE }).inp_bound).toBe(2);
  });
});
