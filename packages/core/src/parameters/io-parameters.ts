import { AnalogMVType, BoundManagementType, NoiseManagementType, WeightNoiseType } from './enums.js';
import { bool, enumOf, int, nonNeg, num } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';
import { ConfigError } from '../errors.js';

/** Analog MVM and its digital periphery (DAC/ADC, noise, bound and noise management). */
export class IOParameters extends ParameterBase {
  static override readonly className = 'IOParameters';
  static override readonly fields = {
    is_perfect: bool(),
    mv_type: enumOf('AnalogMVType', AnalogMVType),
    inp_bound: num(),
    inp_noise: nonNeg(),
    inp_res: num(),
    inp_sto_round: bool(),
    inp_asymmetry: num(),
    out_bound: num(),
    out_noise: nonNeg(),
    out_noise_std: nonNeg(),
    out_res: num(),
    out_sto_round: bool(),
    out_scale: num(),
    out_asymmetry: num(),
    bound_management: enumOf('BoundManagementType', BoundManagementType),
    noise_management: enumOf('NoiseManagementType', NoiseManagementType),
    w_noise: nonNeg(),
    w_noise_type: enumOf('WeightNoiseType', WeightNoiseType),
    ir_drop: nonNeg(),
    ir_drop_g_ratio: num({ min: 0, minExclusive: true }),
    out_nonlinearity: num(),
    out_nonlinearity_std: nonNeg(),
    slope_calibration: nonNeg(),
    v_offset_std: nonNeg(),
    v_offset_w_min: num(),
    r_series: nonNeg(),
    w_read_asymmetry_dtod: nonNeg(),
    max_bm_factor: int(1),
    max_bm_res: nonNeg(),
    bm_test_negative_bound: bool(),
    nm_thres: nonNeg(),
    nm_assumed_wmax: nonNeg(),
    nm_decay: num({ min: 0, max: 1 }),
  };

  is_perfect = false;
  mv_type: AnalogMVType = AnalogMVType.ONE_PASS;
  inp_bound = 1.0;
  inp_noise = 0.0;
  inp_res = 1 / (2 ** 7 - 2);
  inp_sto_round = false;
  inp_asymmetry = 0.0;
  out_bound = 12.0;
  out_noise = 0.06;
  out_noise_std = 0.0;
  out_res = 1 / (2 ** 9 - 2);
  out_sto_round = false;
  out_scale = 1.0;
  out_asymmetry = 0.0;
  bound_management: BoundManagementType = BoundManagementType.ITERATIVE;
  noise_management: NoiseManagementType = NoiseManagementType.ABS_MAX;
  w_noise = 0.0;
  w_noise_type: WeightNoiseType = WeightNoiseType.NONE;
  ir_drop = 0.0;
  ir_drop_g_ratio = 1.0 / 0.35 / 5e-6;
  out_nonlinearity = 0.0;
  out_nonlinearity_std = 0.0;
  slope_calibration = 0.0;
  v_offset_std = 0.0;
  v_offset_w_min = -1.0;
  r_series = 0.0;
  w_read_asymmetry_dtod = 0.0;
  max_bm_factor = 1000;
  max_bm_res = 0.25;
  bm_test_negative_bound = true;
  nm_thres = 0.0;
  /** C++-only in aihwkit (not a field of the Python dataclass); kept for ABS_MAX_NP_SUM. */
  nm_assumed_wmax = 0.6;
  /** C++-only in aihwkit; the EMA rate of AVERAGE_ABS_MAX noise management. */
  nm_decay = 1e-3;

  constructor(init?: ParameterInit<IOParameters>) {
    super();
    this.init(init);
  }

  protected override validateCrossFields(): void {
    if (!this.is_perfect && this.noise_management !== NoiseManagementType.NONE && this.inp_bound !== 1) {
      throw new ConfigError(
        `IOParameters.inp_bound must be 1 when noise_management is ${this.noise_management} (got ${this.inp_bound}); set noise_management NONE to use another input bound.`,
        'IOParameters.inp_bound',
      );
    }
    if (this.bound_management === BoundManagementType.SHIFT) {
      throw new ConfigError(
        'IOParameters.bound_management SHIFT is not supported (aihwkit only has it on special hardware paths); use ITERATIVE or NONE.',
        'IOParameters.bound_management',
      );
    }
    if (this.mv_type === AnalogMVType.SPLIT_MODE || this.mv_type === AnalogMVType.BIT_WISE) {
      throw new ConfigError(
        `IOParameters.mv_type ${this.mv_type} exists only for aihwkit's IR-drop torch tile; use ONE_PASS or POS_NEG_SEPARATE.`,
        'IOParameters.mv_type',
      );
    }
  }
}
