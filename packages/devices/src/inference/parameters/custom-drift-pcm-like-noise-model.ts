import {
  BaseNoiseModel,
  checkConverterGMax,
  ConfigError,
  nested,
  PCMLikeNoiseModel,
  SinglePairConductanceConverter,
  withConverterGMax,
  withProgCoeffReference,
  type BaseConductanceConverter,
  type ParameterInit,
} from '@analogkit/core';
import type { CustomDriftModel } from './custom-drift-model.js';

/**
 * Parameter data of aihwkit's `CustomDriftPCMLikeNoiseModel`: the PCM-like model whose drift
 * exponents come from a user table (`custom_drift_model`, required) instead of the PCM fit.
 */
export class CustomDriftPCMLikeNoiseModel extends BaseNoiseModel {
  static override readonly className: string = 'CustomDriftPCMLikeNoiseModel';
  static override readonly fields = {
    custom_drift_model: nested('CustomDriftModel', { nullable: true }),
    ...PCMLikeNoiseModel.fields,
  };

  /** The drift table (required). */
  custom_drift_model: CustomDriftModel | null = null;
  g_converter: BaseConductanceConverter = new SinglePairConductanceConverter();
  g_max = 25.0;
  t_read = 250.0e-9;
  t_0 = 20.0;
  prog_coeff: number[] = [0.26348, 1.965, -1.1731];
  prog_coeff_g_max_reference = 25.0;
  prog_noise_scale = 1.0;
  read_noise_scale = 1.0;
  drift_scale = 1.0;

  constructor(init?: ParameterInit<CustomDriftPCMLikeNoiseModel>) {
    super();
    this.init(withProgCoeffReference(withConverterGMax(init)));
  }

  protected override validateCrossFields(): void {
    checkConverterGMax(this.className, this.g_max, this.g_converter);
    const table = this.custom_drift_model;
    if (table === null) {
      throw new ConfigError(
        'CustomDriftPCMLikeNoiseModel.custom_drift_model is required: give a CustomDriftModel({ g_lst, nu_mean_lst, nu_std_lst }).',
        'CustomDriftPCMLikeNoiseModel.custom_drift_model',
      );
    }
    const { g_min, g_max } = this.g_converter as { g_min?: unknown; g_max?: unknown };
    if (typeof g_min !== 'number' || typeof g_max !== 'number') {
      throw new ConfigError(
        `CustomDriftPCMLikeNoiseModel needs a converter with g_min and g_max; ${this.g_converter.className} has none.`,
        'CustomDriftPCMLikeNoiseModel.g_converter',
      );
    }
    const lo = table.g_lst[0]!;
    const hi = table.g_lst[table.g_lst.length - 1]!;
    if (g_min < lo || g_max > hi) {
      throw new ConfigError(
        `The converter's conductances [${g_min}, ${g_max}] µS lie outside the drift table's range [${lo}, ${hi}] µS; extend g_lst or narrow the converter.`,
        'CustomDriftPCMLikeNoiseModel.custom_drift_model',
      );
    }
  }
}

