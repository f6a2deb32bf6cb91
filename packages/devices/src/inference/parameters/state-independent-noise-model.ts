import {
  BaseNoiseModel,
  checkConverterGMax,
  nested,
  nonNeg,
  num,
  numbers,
  positive,
  SinglePairConductanceConverter,
  withConverterGMax,
  type BaseConductanceConverter,
  type ParameterInit,
} from '@analogkit/core';

/**
 * Parameter data of aihwkit's `StateIndependentNoiseModel`: programming noise from a polynomial
 * in g/g_max (constant 0.2 µS by default), one drift exponent distribution for all conductances,
 * and read noise relative to g_max.
 */
export class StateIndependentNoiseModel extends BaseNoiseModel {
  static override readonly className: string = 'StateIndependentNoiseModel';
  static override readonly fields = {
    g_converter: nested('SinglePairConductanceConverter', { polymorphic: true }),
    g_max: positive(),
    prog_coeff: numbers(),
    prog_noise_scale: nonNeg(),
    drift_nu_mean: num(),
    drift_nu_std: nonNeg(),
    drift_scale: nonNeg(),
    t_0: positive(),
    read_noise_scale: nonNeg(),
    t_read: positive(),
  };

  g_converter: BaseConductanceConverter = new SinglePairConductanceConverter();
  /** Maximal conductance in µS; always the converter's g_max. */
  g_max = 25.0;
  /** Programming noise polynomial coefficients in µS: σ = Σ c_k (g/g_max)^k. */
  prog_coeff: number[] = [0.2, 0.0, 0.0];
  prog_noise_scale = 1.0;
  drift_nu_mean = 0.1;
  drift_nu_std = 0.05;
  drift_scale = 1.0;
  /** First reading time of the drift, in seconds. */
  t_0 = 20.0;
  read_noise_scale = 1.0;
  /** Parameter of the 1/f noise, in seconds. */
  t_read = 250.0e-9;

  constructor(init?: ParameterInit<StateIndependentNoiseModel>) {
    super();
    this.init(withConverterGMax(init));
  }

  protected override validateCrossFields(): void {
    checkConverterGMax(this.className, this.g_max, this.g_converter);
  }
}
