import type { BaseConductanceConverter } from './base-conductance-converter.js';
import { BaseNoiseModel } from './base-noise-model.js';
import { checkConverterGMax, withConverterGMax } from './converter-g-max.js';
import { nested, nonNeg, numbers, positive } from './field-spec.js';
import { isPlainObject, type ParameterInit } from './parameter-base.js';
import { SinglePairConductanceConverter } from './single-pair-conductance-converter.js';

/** The g_max (µS) at which aihwkit's default programming-noise coefficients were fitted. */
const DEFAULT_PROG_COEFF_G_MAX_REFERENCE = 25.0;

/**
 * Parameter data of aihwkit's `PCMLikeNoiseModel` (programming noise, drift and 1/f read noise
 * fitted on PCM devices). The behaviour lives in the noise-model plugin.
 */
export class PCMLikeNoiseModel extends BaseNoiseModel {
  static override readonly className: string = 'PCMLikeNoiseModel';
  static override readonly fields = {
    g_converter: nested('SinglePairConductanceConverter', { polymorphic: true }),
    g_max: positive(),
    t_read: positive(),
    t_0: positive(),
    prog_coeff: numbers(),
    prog_coeff_g_max_reference: positive(),
    prog_noise_scale: nonNeg(),
    read_noise_scale: nonNeg(),
    drift_scale: nonNeg(),
  };

  /** Maps weights to conductances (device pairs) and back. */
  g_converter: BaseConductanceConverter = new SinglePairConductanceConverter();
  /** Maximal conductance in µS (the value max|W| is mapped to); always the converter's g_max. */
  g_max = 25.0;
  /** Parameter of the 1/f fit, in seconds. */
  t_read = 250.0e-9;
  /** First reading time of the drift fit, in seconds. */
  t_0 = 20.0;
  prog_coeff: number[] = [0.26348, 1.965, -1.1731];
  /**
   * The g_max (µS) at which prog_coeff were fitted. When prog_coeff is given without it, it is
   * the model's g_max (as in aihwkit).
   */
  prog_coeff_g_max_reference = DEFAULT_PROG_COEFF_G_MAX_REFERENCE;
  prog_noise_scale = 1.0;
  read_noise_scale = 1.0;
  drift_scale = 1.0;

  constructor(init?: ParameterInit<PCMLikeNoiseModel>) {
    super();
    this.init(withProgCoeffReference(withConverterGMax(init)));
  }

  protected override validateCrossFields(): void {
    checkConverterGMax(this.className, this.g_max, this.g_converter);
  }
}

/**
 * aihwkit's rule for PCM-like models: prog_coeff given without prog_coeff_g_max_reference were
 * fitted at the model's g_max.
 */
export function withProgCoeffReference<T>(init: T): T {
  if (!isPlainObject(init) || init.prog_coeff === undefined || init.prog_coeff_g_max_reference !== undefined) return init;
  return { ...init, prog_coeff_g_max_reference: init.g_max ?? DEFAULT_PROG_COEFF_G_MAX_REFERENCE };
}
