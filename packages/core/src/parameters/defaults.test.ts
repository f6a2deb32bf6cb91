import { describe, expect, it } from 'vitest';
import {
  ConstantStepDevice,
  DriftParameter,
  FloatingPointDevice,
  FloatingPointRPUConfig,
  GlobalDriftCompensation,
  IdealDevice,
  InferenceRPUConfig,
  InputRangeParameter,
  IOParameters,
  MappingParameter,
  PCMLikeNoiseModel,
  PrePostProcessingParameter,
  SimpleDriftParameter,
  SinglePairConductanceConverter,
  SingleRPUConfig,
  UnitCellRPUConfig,
  UpdateParameters,
  VectorUnitCell,
  WeightClipParameter,
  WeightModifierParameter,
  WeightRemapParameter,
} from './index.js';

/** Expected defaults, written out from aihwkit's source and SPEC.md (not computed from the classes). */
const IO = {
  is_perfect: false,
  mv_type: 'ONE_PASS',
  inp_bound: 1.0,
  inp_noise: 0.0,
  inp_res: 1 / 126,
  inp_sto_round: false,
  inp_asymmetry: 0.0,
  out_bound: 12.0,
  out_noise: 0.06,
  out_noise_std: 0.0,
  out_res: 1 / 510,
  out_sto_round: false,
  out_scale: 1.0,
  out_asymmetry: 0.0,
  bound_management: 'ITERATIVE',
  noise_management: 'ABS_MAX',
  w_noise: 0.0,
  w_noise_type: 'NONE',
  ir_drop: 0.0,
  ir_drop_g_ratio: 1 / 0.35 / 5e-6,
  out_nonlinearity: 0.0,
  out_nonlinearity_std: 0.0,
  slope_calibration: 0.0,
  v_offset_std: 0.0,
  v_offset_w_min: -1.0,
  r_series: 0.0,
  w_read_asymmetry_dtod: 0.0,
  max_bm_factor: 1000,
  max_bm_res: 0.25,
  bm_test_negative_bound: true,
  nm_thres: 0.0,
  nm_assumed_wmax: 0.6,
  nm_decay: 1e-3,
};
const UPDATE = {
  desired_bl: 31,
  fixed_bl: true,
  pulse_type: 'STOCHASTIC_COMPRESSED',
  res: 0,
  x_res_implicit: 0,
  d_res_implicit: 0,
  d_sparsity: false,
  sto_round: false,
  update_bl_management: true,
  update_management: true,
  um_grad_scale: 1.0,
};
const SIMPLE_DRIFT = { nu: 0.0, t_0: 1.0, reset_tol: 1e-7 };
const DRIFT = {
  ...SIMPLE_DRIFT,
  nu_dtod: 0.0,
  nu_std: 0.0,
  wg_ratio: 1.0,
  g_offset: 0.0,
  w_offset: 0.0,
  nu_k: 0.0,
  log_g0: 0.0,
  w_noise_std: 0.0,
};
const CLIP = { fixed_value: -1.0, sigma: 2.5, type: 'NONE' };
const REMAP = { remapped_wmax: 1.0, max_scale_range: 0.0, max_scale_ref: 0.0, type: 'NONE' };
const MODIFIER = {
  std_dev: 0.0,
  per_batch_sample: false,
  res: 0.0,
  sto_round: false,
  dorefa_clip: 0.6,
  pdrop: 0.0,
  enable_during_test: false,
  rel_to_actual_wmax: true,
  assumed_wmax: 1.0,
  copy_last_column: false,
  coeffs: [0.0105392, 0.0768, -0.046925],
  type: 'NONE',
  g_max: 25.0,
  pcm_zero_thres: 0.0,
  pcm_t_inference: 0.0,
  pcm_prob_at_reset: 0.0,
  pcm_prob_at_gmax: 0.0,
  pcm_prob_at_random: 0.0,
  pcm_t0: 20.0,
};
const MAPPING = {
  digital_bias: true,
  weight_scaling_omega: 0.0,
  weight_scaling_columnwise: false,
  weight_scaling_lr_compensation: false,
  learn_out_scaling: false,
  out_scaling_columnwise: false,
  max_input_size: 512,
  max_output_size: 512,
};
const INPUT_RANGE = {
  enable: false,
  learn_input_range: true,
  init_value: 3.0,
  init_from_data: 100,
  init_std_alpha: 3.0,
  decay: 0.001,
  input_min_percentage: 0.95,
  manage_output_clipping: false,
  output_min_percentage: 0.95,
  gradient_scale: 1.0,
  gradient_relative: true,
  calibration_info: null,
};
const PULSED = {
  construction_seed: 0,
  corrupt_devices_prob: 0.0,
  corrupt_devices_range: 0.1,
  diffusion: 0.0,
  diffusion_dtod: 0.0,
  dw_min: 0.001,
  dw_min_dtod: 0.3,
  dw_min_dtod_log_normal: false,
  dw_min_std: 0.3,
  enforce_consistency: true,
  lifetime: 0.0,
  lifetime_dtod: 0.0,
  perfect_bias: false,
  reset: 0.0,
  reset_dtod: 0.0,
  reset_std: 0.01,
  up_down: 0.0,
  up_down_dtod: 0.01,
  w_max: 0.6,
  w_max_dtod: 0.3,
  w_min: -0.6,
  w_min_dtod: 0.3,
  count_pulses: false,
};
const IDEAL = { construction_seed: 0, diffusion: 0.0, lifetime: 0.0, reset_std: 0.01 };
const PCM = {
  g_converter: new SinglePairConductanceConverter({ g_max: 25.0, g_min: 0.0 }),
  g_max: 25.0,
  t_read: 250e-9,
  t_0: 20.0,
  prog_coeff: [0.26348, 1.965, -1.1731],
  prog_coeff_g_max_reference: 25.0,
  prog_noise_scale: 1.0,
  read_noise_scale: 1.0,
  drift_scale: 1.0,
};
const VECTOR = { unit_cell_devices: [], construction_seed: 0, update_policy: 'ALL', first_update_idx: 0, gamma_vec: [] };

/** Checks every field's value and that the class has exactly these fields. */
function expectFields(obj: { fieldValues(): Record<string, unknown> }, expected: Record<string, unknown>): void {
  const values = obj.fieldValues();
  expect(Object.keys(values).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) {
    expect(values[k], k).toEqual(v);
  }
}

describe('parameter defaults equal aihwkit', () => {
  it('IOParameters', () => {
    expectFields(new IOParameters(), IO);
    expect(new IOParameters().inp_res).toBe(1 / (2 ** 7 - 2));
    expect(new IOParameters().out_res).toBe(1 / (2 ** 9 - 2));
    expect(new IOParameters().ir_drop_g_ratio).toBe(1.0 / 0.35 / 5e-6);
  });
  it('UpdateParameters', () => expectFields(new UpdateParameters(), UPDATE));
  it('SimpleDriftParameter', () => expectFields(new SimpleDriftParameter(), SIMPLE_DRIFT));
  it('DriftParameter', () => expectFields(new DriftParameter(), DRIFT));
  it('WeightClipParameter', () => expectFields(new WeightClipParameter(), CLIP));
  it('WeightRemapParameter', () => expectFields(new WeightRemapParameter(), REMAP));
  it('WeightModifierParameter', () => expectFields(new WeightModifierParameter(), MODIFIER));
  it('MappingParameter', () => expectFields(new MappingParameter(), MAPPING));
  it('InputRangeParameter', () => expectFields(new InputRangeParameter(), INPUT_RANGE));
  it('PrePostProcessingParameter', () => {
    const p = new PrePostProcessingParameter();
    expect(Object.keys(p.fieldValues())).toEqual(['input_range']);
    expectFields(p.input_range, INPUT_RANGE);
  });
  it('ConstantStepDevice', () => {
    const d = new ConstantStepDevice();
    expectFields(d, { ...PULSED, drift: d.drift });
    expectFields(d.drift, DRIFT);
  });
  it('IdealDevice', () => expectFields(new IdealDevice(), IDEAL));
  it('FloatingPointDevice', () => {
    const d = new FloatingPointDevice();
    expectFields(d, { diffusion: 0.0, lifetime: 0.0, drift: d.drift });
    expect(d.drift).toBeInstanceOf(SimpleDriftParameter);
    expectFields(d.drift, SIMPLE_DRIFT);
  });
  it('VectorUnitCell', () => expectFields(new VectorUnitCell(), VECTOR));
  it('PCMLikeNoiseModel', () => expectFields(new PCMLikeNoiseModel(), PCM));
  it('SinglePairConductanceConverter', () => expectFields(new SinglePairConductanceConverter(), { g_max: 25.0, g_min: 0.0 }));
  it('GlobalDriftCompensation has no fields', () => expect(new GlobalDriftCompensation().fieldValues()).toEqual({}));
});

describe('config defaults equal aihwkit', () => {
  const common = (c: { mapping: MappingParameter; pre_post: PrePostProcessingParameter }): void => {
    expectFields(c.mapping, MAPPING);
    expectFields(c.pre_post.input_range, INPUT_RANGE);
  };

  it('FloatingPointRPUConfig', () => {
    const c = new FloatingPointRPUConfig();
    expect(Object.keys(c.fieldValues()).sort()).toEqual(['device', 'mapping', 'pre_post']);
    expect(c.device).toBeInstanceOf(FloatingPointDevice);
    expectFields(c.device.drift, SIMPLE_DRIFT);
    common(c);
  });

  it('SingleRPUConfig', () => {
    const c = new SingleRPUConfig();
    expect(Object.keys(c.fieldValues()).sort()).toEqual(['backward', 'device', 'forward', 'mapping', 'pre_post', 'update']);
    expect(c.device).toBeInstanceOf(ConstantStepDevice);
    expectFields(c.device, { ...PULSED, drift: c.device.drift });
    expectFields(c.forward, IO);
    expectFields(c.backward, IO);
    expectFields(c.update, UPDATE);
    common(c);
  });

  it('UnitCellRPUConfig (device VectorUnitCell)', () => {
    const c = new UnitCellRPUConfig();
    expect(c.device).toBeInstanceOf(VectorUnitCell);
    expectFields(c.device as VectorUnitCell, VECTOR);
    expectFields(c.forward, IO);
    expectFields(c.backward, IO);
    expectFields(c.update, UPDATE);
    common(c);
  });

  it('InferenceRPUConfig: forward plain, backward perfect, update NONE, PCM + GDC', () => {
    const c = new InferenceRPUConfig();
    expect(Object.keys(c.fieldValues()).sort()).toEqual(
      ['backward', 'clip', 'device', 'drift_compensation', 'forward', 'mapping', 'modifier', 'noise_model', 'pre_post', 'remap', 'update'],
    );
    expectFields(c.forward, IO);
    expect(c.forward.toJSON()).toEqual(new IOParameters().toJSON());
    expectFields(c.backward, { ...IO, is_perfect: true });
    expectFields(c.update, { ...UPDATE, pulse_type: 'NONE' });
    expect(c.device).toBeInstanceOf(IdealDevice);
    expectFields(c.device, IDEAL);
    expect(c.noise_model).toBeInstanceOf(PCMLikeNoiseModel);
    expectFields(c.noise_model as PCMLikeNoiseModel, PCM);
    expect(c.drift_compensation).toBeInstanceOf(GlobalDriftCompensation);
    expectFields(c.clip, CLIP);
    expectFields(c.remap, REMAP);
    expectFields(c.modifier, MODIFIER);
    common(c);
  });
});
