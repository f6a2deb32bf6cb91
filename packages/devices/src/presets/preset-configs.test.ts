import {
  BoundManagementType,
  configFromJSON,
  ConstantStepDevice,
  createRuntime,
  GlobalDriftCompensation,
  InferenceRPUConfig,
  IOParameters,
  NoiseManagementType,
  PCMLikeNoiseModel,
  PulseType,
  registerCore,
  SingleRPUConfig,
  UnitCellRPUConfig,
  VectorUnitCell,
  VectorUnitCellUpdatePolicy,
  WeightClipType,
  WeightNoiseType,
  WeightRemapType,
  type ParameterBase,
} from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { MixedPrecisionCompound, OneSidedUnitCell, registerCompoundDevices, TransferCompound } from '../compounds/index.js';
import { registerInferenceModels } from '../inference/register-inference-models.js';
import { ExpStepDevice, LinearStepDevice, registerPulsedDevices, SoftBoundsReferenceDevice } from '../pulsed/index.js';
import * as presets from './index.js';

/* The periphery and RPU-config presets: aihwkit's numbers and structure (simulator/presets/*.py, SPEC §7). */

const PRESET_IO = {
  bound_management: BoundManagementType.ITERATIVE,
  noise_management: NoiseManagementType.ABS_MAX,
  inp_res: 1 / 126,
  inp_sto_round: false,
  out_bound: 20,
  out_noise: 0.1,
  out_res: 1 / 510,
  w_noise: 0,
  w_noise_type: WeightNoiseType.NONE,
};
const PRESET_UPDATE = {
  desired_bl: 31,
  pulse_type: PulseType.STOCHASTIC_COMPRESSED,
  update_bl_management: true,
  update_management: true,
};

function expectPresetPeriphery(config: SingleRPUConfig | UnitCellRPUConfig): void {
  expect(config.forward).toMatchObject(PRESET_IO);
  expect(config.backward).toMatchObject(PRESET_IO);
  expect(config.update).toMatchObject(PRESET_UPDATE);
  expect(config.forward).not.toBe(config.backward);
}

const DEVICES = [
  ['ReRamES', ExpStepDevice, 0.00135],
  ['ReRamSB', SoftBoundsReferenceDevice, 0.002],
  ['Capacitor', LinearStepDevice, 0.005],
  ['EcRam', LinearStepDevice, 0.002],
  ['EcRamMO', LinearStepDevice, 2.8214e-4],
  ['Idealized', ConstantStepDevice, 0.0002],
] as const;

describe('periphery presets', () => {
  it('PresetIOParameters: 7-bit DAC, 9-bit ADC, out_bound 20, out_noise 0.1, ITERATIVE + ABS_MAX', () => {
    const io = presets.PresetIOParameters();
    expect(io).toBeInstanceOf(IOParameters);
    expect(io).toMatchObject(PRESET_IO);
    expect(io).toMatchObject({ is_perfect: false, inp_bound: 1, ir_drop: 0 });
  });

  it('PresetUpdateParameters: BL 31, stochastic compressed, UBLM and UM', () => {
    expect(presets.PresetUpdateParameters()).toMatchObject(PRESET_UPDATE);
  });

  it('StandardIOParameters: 8-bit DAC and ADC, out_bound 10, out_noise 0.04', () => {
    expect(presets.StandardIOParameters()).toMatchObject({
      ...PRESET_IO,
      inp_res: 1 / 254,
      out_res: 1 / 254,
      out_bound: 10,
      out_noise: 0.04,
    });
  });

  it('overrides keep the other preset values', () => {
    expect(presets.PresetIOParameters({ out_noise: 0 })).toMatchObject({ ...PRESET_IO, out_noise: 0 });
    expect(presets.PresetUpdateParameters({ desired_bl: 5 })).toMatchObject({ ...PRESET_UPDATE, desired_bl: 5 });
  });
});

describe('RPU-config presets', () => {
  it.each([...DEVICES, ['GokmenVlasov', ConstantStepDevice, 0.0016]] as const)('%sPreset: one device per cross-point', (name, DeviceClass, dwMin) => {
    const config = presets[`${name}Preset`]();
    expect(config).toBeInstanceOf(SingleRPUConfig);
    expect(config.device).toBeInstanceOf(DeviceClass);
    expect(config.device.dw_min).toBe(dwMin);
    expectPresetPeriphery(config);
  });

  it('PCMPreset: a PCMPresetUnitCell (one-sided pair, refresh every mini-batch)', () => {
    const config = presets.PCMPreset();
    expect(config).toBeInstanceOf(UnitCellRPUConfig);
    expectPresetPeriphery(config);
    const cell = config.device as OneSidedUnitCell;
    expect(cell).toBeInstanceOf(OneSidedUnitCell);
    expect(cell).toMatchObject({ refresh_every: 1, units_in_mbatch: true });
    expect(cell.unit_cell_devices).toHaveLength(2);
    for (const d of cell.unit_cell_devices) expect(d).toMatchObject({ className: 'ExpStepDevice', w_min: 0, w_max: 2, A_up: -27.235 });
    expect(cell.unit_cell_devices[0]).not.toBe(cell.unit_cell_devices[1]);
    expect(cell.refresh_forward).toMatchObject(PRESET_IO);
    expect(cell.refresh_update).toMatchObject(PRESET_UPDATE);
  });

  it.each(DEVICES.flatMap(([name, DeviceClass, dwMin]) => [2, 4].map((n) => [`${name}${n}Preset`, n, DeviceClass, dwMin] as const)))(
    '%s: a VectorUnitCell of %i devices, SINGLE_RANDOM',
    (name, n, DeviceClass, dwMin) => {
      const config = presets[name as `${(typeof DEVICES)[number][0]}2Preset`]();
      expect(config).toBeInstanceOf(UnitCellRPUConfig);
      expectPresetPeriphery(config);
      const cell = config.device as VectorUnitCell;
      expect(cell).toBeInstanceOf(VectorUnitCell);
      expect(cell.update_policy).toBe(VectorUnitCellUpdatePolicy.SINGLE_RANDOM);
      expect(cell.unit_cell_devices).toHaveLength(n);
      for (const d of cell.unit_cell_devices) {
        expect(d).toBeInstanceOf(DeviceClass);
        expect((d as ConstantStepDevice).dw_min).toBe(dwMin);
      }
      expect(new Set(cell.unit_cell_devices).size).toBe(n);
    },
  );

  it.each(DEVICES)('TikiTaka%sPreset: a TransferCompound of two devices, transfer read without NM and BM', (name, DeviceClass, dwMin) => {
    const config = presets[`TikiTaka${name}Preset`]();
    expect(config).toBeInstanceOf(UnitCellRPUConfig);
    expectPresetPeriphery(config);
    const compound = config.device as TransferCompound;
    expect(compound).toBeInstanceOf(TransferCompound);
    expect(compound).toMatchObject({ transfer_every: 1, units_in_mbatch: true, gamma: 0, n_reads_per_transfer: 1 });
    expect(compound.unit_cell_devices).toHaveLength(2);
    for (const d of compound.unit_cell_devices) {
      expect(d).toBeInstanceOf(DeviceClass);
      expect((d as ConstantStepDevice).dw_min).toBe(dwMin);
    }
    expect(compound.transfer_forward).toMatchObject({
      ...PRESET_IO,
      noise_management: NoiseManagementType.NONE,
      bound_management: BoundManagementType.NONE,
    });
    expect(compound.transfer_update).toMatchObject(PRESET_UPDATE);
  });

  it('TikiTakaReRamSBPreset subtracts the symmetry point; the single ReRamSB preset does not', () => {
    const devices = (presets.TikiTakaReRamSBPreset().device as TransferCompound).unit_cell_devices as SoftBoundsReferenceDevice[];
    expect(devices.map((d) => d.subtract_symmetry_point)).toEqual([true, true]);
    expect((presets.ReRamSBPreset().device as SoftBoundsReferenceDevice).subtract_symmetry_point).toBe(false);
  });

  it.each([
    ...DEVICES,
    ['GokmenVlasov', ConstantStepDevice, 0.0016],
  ] as const)('MixedPrecision%sPreset: a MixedPrecisionCompound on the device', (name, DeviceClass, dwMin) => {
    const config = presets[`MixedPrecision${name}Preset`]();
    expect(config).toBeInstanceOf(UnitCellRPUConfig);
    expectPresetPeriphery(config);
    const compound = config.device as unknown as MixedPrecisionCompound;
    expect(compound).toBeInstanceOf(MixedPrecisionCompound);
    expect(compound).toMatchObject({ transfer_every: 1, n_rows_per_transfer: -1, granularity: 0, n_x_bins: 0, n_d_bins: 0 });
    expect(compound.device).toBeInstanceOf(DeviceClass);
    expect((compound.device as ConstantStepDevice).dw_min).toBe(dwMin);
  });

  it('MixedPrecisionPCMPreset: a MixedPrecisionCompound on a PCMPresetUnitCell', () => {
    const compound = presets.MixedPrecisionPCMPreset().device as unknown as MixedPrecisionCompound;
    expect(compound.device).toBeInstanceOf(OneSidedUnitCell);
    expect(compound.device).toMatchObject({ refresh_every: 1 });
  });

  it('overrides: a parameter object replaces, a plain object changes only the fields it names', () => {
    const replaced = presets.ReRamESPreset({ forward: new IOParameters({ out_noise: 0 }) });
    expect(replaced.forward).toMatchObject({ out_noise: 0, out_bound: 12, inp_res: 1 / 126 });
    const merged = presets.TikiTakaEcRamPreset({ forward: { out_noise: 0 }, device: { transfer_every: 2, transfer_forward: { out_noise: 0 } } });
    expect(merged.forward).toMatchObject({ ...PRESET_IO, out_noise: 0 });
    expect(merged.backward).toMatchObject(PRESET_IO);
    const compound = merged.device as TransferCompound;
    expect(compound).toMatchObject({ transfer_every: 2, units_in_mbatch: true });
    expect(compound.unit_cell_devices[0]).toMatchObject({ gamma_up: 0.1153 });
    expect(compound.transfer_forward).toMatchObject({ out_noise: 0, out_bound: 20, noise_management: NoiseManagementType.NONE });
  });

  it('returns fresh configs: changing one leaves the next untouched', () => {
    const a = presets.CapacitorPreset();
    a.forward.out_noise = 0;
    (a.device as LinearStepDevice).gamma_up = 0.9;
    const b = presets.CapacitorPreset();
    expect(b.forward.out_noise).toBe(0.1);
    expect((b.device as LinearStepDevice).gamma_up).toBe(0.05);
  });
});

describe('inference presets', () => {
  it('StandardHWATrainingPreset: the forward, mapping, remap, clip, input range and inference models of Rasch et al. 2023', () => {
    const config = presets.StandardHWATrainingPreset();
    expect(config).toBeInstanceOf(InferenceRPUConfig);
    expect(config.forward).toMatchObject({
      inp_res: 254,
      out_res: 254,
      inp_sto_round: false,
      bound_management: BoundManagementType.NONE,
      noise_management: NoiseManagementType.CONSTANT,
      nm_thres: 1,
      w_noise: 0.0175,
      w_noise_type: WeightNoiseType.PCM_READ,
      ir_drop: 1,
      out_noise: 0.04,
      out_bound: 10,
      is_perfect: false,
    });
    expect(config.backward.is_perfect).toBe(true);
    expect(config.update.pulse_type).toBe(PulseType.NONE);
    expect(config.mapping).toMatchObject({
      weight_scaling_omega: 1,
      weight_scaling_columnwise: true,
      max_input_size: 512,
      max_output_size: 0,
      digital_bias: true,
      learn_out_scaling: true,
      out_scaling_columnwise: true,
    });
    expect(config.remap).toMatchObject({ remapped_wmax: 1, type: WeightRemapType.CHANNELWISE_SYMMETRIC });
    expect(config.clip).toMatchObject({ type: WeightClipType.FIXED_VALUE, fixed_value: 1 });
    expect(config.pre_post.input_range).toMatchObject({
      enable: true,
      learn_input_range: true,
      init_value: 3,
      init_from_data: 100,
      init_std_alpha: 3,
      decay: 0.001,
      input_min_percentage: 0.95,
      output_min_percentage: 0.95,
      manage_output_clipping: false,
      gradient_scale: 1,
      gradient_relative: true,
    });
    expect(config.noise_model).toBeInstanceOf(PCMLikeNoiseModel);
    expect(config.noise_model.toJSON()).toEqual(new PCMLikeNoiseModel().toJSON());
    expect(config.drift_compensation).toBeInstanceOf(GlobalDriftCompensation);
  });

  it('FloatingPointPreset: a perfect forward and no splitting over tiles', () => {
    const config = presets.FloatingPointPreset();
    expect(config).toBeInstanceOf(InferenceRPUConfig);
    expect(config.forward.is_perfect).toBe(true);
    expect(config.backward.is_perfect).toBe(true);
    expect(config.mapping).toMatchObject({ max_input_size: 0, max_output_size: 0 });
  });
});

describe('preset JSON', () => {
  const runtime = createRuntime({ register: [registerCore, registerPulsedDevices, registerCompoundDevices, registerInferenceModels] });
  const names = Object.keys(presets).filter((n) => n.endsWith('Preset') && n !== 'buildPreset') as (keyof typeof presets)[];

  it('covers every RPU-config preset of aihwkit built here', () => {
    expect(names).toHaveLength(7 + 1 + 12 + 6 + 8 + 2);
  });

  it.each(names)('%s round-trips through JSON with the runtime registry', (name) => {
    const config = (presets[name] as () => ParameterBase)();
    const json = JSON.parse(JSON.stringify(config.toJSON()));
    const back = configFromJSON(json, { resolve: (n) => runtime.devices.parameterClass(n) });
    expect(back.toJSON()).toEqual(config.toJSON());
  });
});
