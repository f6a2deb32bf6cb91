import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import {
  BaseNoiseModel,
  BoundManagementType,
  configFromJSON,
  ConstantStepDevice,
  coreParameterClass,
  FloatingPointRPUConfig,
  InferenceRPUConfig,
  IOParameters,
  nonNeg,
  NoiseManagementType,
  PulseType,
  SingleRPUConfig,
  UnitCellRPUConfig,
  VectorUnitCell,
  VectorUnitCellUpdatePolicy,
  WeightModifierType,
  type ParameterInit,
} from './index.js';

function configs() {
  return [
    new FloatingPointRPUConfig({ device: { lifetime: 10, drift: { nu: 0.1 } } }),
    new SingleRPUConfig({ forward: { out_noise: 0, inp_res: -1 }, update: { desired_bl: 10 }, device: { dw_min: 0.01 } }),
    new UnitCellRPUConfig({
      device: new VectorUnitCell({
        unit_cell_devices: [new ConstantStepDevice(), new ConstantStepDevice({ w_max: 1 })],
        update_policy: VectorUnitCellUpdatePolicy.SINGLE_RANDOM,
        gamma_vec: [0.5, 0.5],
      }),
    }),
    new InferenceRPUConfig({ modifier: { type: WeightModifierType.ADD_NORMAL, std_dev: 0.1 }, mapping: { weight_scaling_omega: 1 } }),
    new InferenceRPUConfig({ drift_compensation: null, pre_post: { input_range: { enable: true, calibration_info: 'x' } } }),
  ];
}

describe('JSON', () => {
  it('writes aihwkit form with __class__ and EnumName.VALUE', () => {
    const j = new IOParameters().toJSON();
    expect(j.__class__).toBe('IOParameters');
    expect(j.bound_management).toBe('BoundManagementType.ITERATIVE');
    expect(j.inp_res).toBe(1 / 126);
    const c = new InferenceRPUConfig().toJSON() as Record<string, any>;
    expect(c.update.pulse_type).toBe('PulseType.NONE');
    expect(c.noise_model.__class__).toBe('PCMLikeNoiseModel');
    expect(c.drift_compensation).toEqual({ __class__: 'GlobalDriftCompensation' });
    expect(c.pre_post.input_range.calibration_info).toBeNull();
  });

  it('round-trips every config (object and string form)', () => {
    for (const cfg of configs()) {
      const back = configFromJSON(cfg.toJSON());
      expect(back).toStrictEqual(cfg);
      expect(back.constructor).toBe(cfg.constructor);
      expect(configFromJSON(JSON.stringify(cfg))).toStrictEqual(cfg);
    }
    for (const Cls of [FloatingPointRPUConfig, SingleRPUConfig, UnitCellRPUConfig, InferenceRPUConfig]) {
      expect(configFromJSON(new Cls().toJSON())).toStrictEqual(new Cls());
    }
  });

  it('loads an aihwkit-style config: enum spellings, runtime fields, nested objects without __class__', () => {
    const notes: string[] = [];
    const json = {
      __class__: 'InferenceRPUConfig',
      runtime: { __class__: 'RuntimeParameter', data_type: 'RPUDataType.FLOAT' },
      tile_class: 'InferenceTile',
      tile_array_class: 'TileModuleArray',
      forward: {
        bound_management: 'BoundManagementType.NONE',
        noise_management: 'CONSTANT',
        w_noise_type: 'PCMRead',
        nm_thres: 1,
        out_res: -1,
      },
      update: { __class__: 'UpdateParameters', pulse_type: 'PulseType.NONE' },
      noise_model: { __class__: 'PCMLikeNoiseModel', g_max: 30 },
      drift_compensation: null,
      modifier: { type: 'WeightModifierType.ADD_NORMAL', std_dev: 0.1 },
    };
    const c = configFromJSON(json, { onNote: (n) => notes.push(n) }) as InferenceRPUConfig;
    expect(c).toBeInstanceOf(InferenceRPUConfig);
    expect(c.forward.bound_management).toBe(BoundManagementType.NONE);
    expect(c.forward.noise_management).toBe(NoiseManagementType.CONSTANT);
    expect(c.forward.w_noise_type).toBe('PCM_READ');
    expect(c.forward.out_res).toBe(-1);
    expect(c.update.pulse_type).toBe(PulseType.NONE);
    expect(c.noise_model).toMatchObject({ g_max: 30, t_0: 20 });
    expect(c.drift_compensation).toBeNull();
    expect(c.modifier.type).toBe(WeightModifierType.ADD_NORMAL);
    expect(c.backward.is_perfect).toBe(true);
    expect(notes).toHaveLength(3);
    expect(notes.join('\n')).toMatch(/InferenceRPUConfig\.runtime/);
    expect(notes.join('\n')).toMatch(/InferenceRPUConfig\.tile_class/);
    expect(notes.join('\n')).toMatch(/InferenceRPUConfig\.tile_array_class/);
  });

  it('rejects unknown fields, unknown classes, wrong classes and bad enum values, naming them', () => {
    const err = (json: unknown): ConfigError => {
      try {
        configFromJSON(json);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    };
    expect(err({ __class__: 'SingleRPUConfig', forward: { out_nosie: 1 } }).field).toBe('IOParameters.out_nosie');
    expect(err({ __class__: 'SingleRPUConfig', device: { __class__: 'FancyDevice' } }).field).toBe('SingleRPUConfig.device');
    expect(err({ __class__: 'SingleRPUConfig', forward: { __class__: 'UpdateParameters' } }).field).toBe('SingleRPUConfig.forward');
    expect(err({ __class__: 'IOParameters', bound_management: 'NoiseManagementType.NONE' }).field).toBe('IOParameters.bound_management');
    expect(err({ __class__: 'IOParameters', bound_management: 3 }).field).toBe('IOParameters.bound_management');
    expect(err({ __class__: 'Nope' }).field).toBe('__class__');
    expect(err({ inp_res: 1 }).message).toMatch(/__class__/);
    expect(err({ __class__: 'VectorUnitCell', unit_cell_devices: [{ dw_min: 1 }] }).field).toBe('VectorUnitCell.unit_cell_devices[0]');
  });

  it('resolves plugin classes through a resolver', () => {
    class FancyNoise extends BaseNoiseModel {
      static override readonly className = 'FancyNoise';
      static override readonly fields = { sigma: nonNeg() };
      sigma = 0.5;
      constructor(init?: ParameterInit<FancyNoise>) {
        super();
        this.init(init);
      }
    }
    const resolve = (name: string) => (name === 'FancyNoise' ? FancyNoise : undefined);
    const c = new InferenceRPUConfig({ noise_model: new FancyNoise({ sigma: 2 }) });
    const back = configFromJSON(c.toJSON(), { resolve }) as InferenceRPUConfig;
    expect(back.noise_model).toBeInstanceOf(FancyNoise);
    expect((back.noise_model as FancyNoise).sigma).toBe(2);
    expect(() => configFromJSON(c.toJSON())).toThrow(/FancyNoise/);
  });

  it('has an immutable resolver over the core classes', () => {
    expect(coreParameterClass('IOParameters')).toBe(IOParameters);
    expect(coreParameterClass('InferenceRPUConfig')).toBe(InferenceRPUConfig);
    expect(coreParameterClass('PulsedDevice')).toBeUndefined();
    expect(coreParameterClass('toString')).toBeUndefined();
  });
});

describe('deep copy', () => {
  it('is equal and independent', () => {
    for (const cfg of configs()) {
      const copy = cfg.copy();
      expect(copy).toStrictEqual(cfg);
      expect(copy).not.toBe(cfg);
    }
    const c = new UnitCellRPUConfig({ device: new VectorUnitCell({ unit_cell_devices: [new ConstantStepDevice()], gamma_vec: [1] }) });
    const d = c.copy();
    d.forward.out_noise = 0.5;
    d.mapping.max_input_size = 16;
    (d.device as VectorUnitCell).gamma_vec.push(2);
    ((d.device as VectorUnitCell).unit_cell_devices[0] as ConstantStepDevice).drift.nu = 0.2;
    expect(c.forward.out_noise).toBe(0.06);
    expect(c.mapping.max_input_size).toBe(512);
    expect((c.device as VectorUnitCell).gamma_vec).toEqual([1]);
    expect(((c.device as VectorUnitCell).unit_cell_devices[0] as ConstantStepDevice).drift.nu).toBe(0);
    const inf = new InferenceRPUConfig();
    const infCopy = inf.copy();
    infCopy.modifier.coeffs[0] = 5;
    infCopy.pre_post.input_range.enable = true;
    expect(inf.modifier.coeffs[0]).toBe(0.0105392);
    expect(inf.pre_post.input_range.enable).toBe(false);
  });
});
