import { BaseNoiseModel } from './base-noise-model.js';
import { nonNeg, numbers, positive } from './field-spec.js';
import type { ParameterInit } from './parameter-base.js';

/**
 * Parameter data of aihwkit's `PCMLikeNoiseModel` (programming noise, drift and 1/f read noise
 * fitted on PCM devices). The behaviour lives in the noise-model plugin.
 */
export class PCMLikeNoiseModel extends BaseNoiseModel {
  static override readonly className: string = 'PCMLikeNoiseModel';
  static override readonly fields = {
    g_max: positive(),
    t_read: positive(),
    t_0: positive(),
    prog_coeff: numbers(),
    prog_coeff_g_max_reference: positive(),
    prog_noise_scale: nonNeg(),
    read_noise_scale: nonNeg(),
    drift_scale: nonNeg(),
  };

  /** Maximal conductance in µS (the value max|W| is mapped to). */
  g_max = 25.0;
  /** Parameter of the 1/f fit, in seconds. */
  t_read = 250.0e-9;
  /** First reading time of the drift fit, in seconds. */
  t_0 = 20.0;
  prog_coeff: number[] = [0.26348, 1.965, -1.1731];
  /** The g_max (µS) at which prog_coeff were fitted. */
  prog_coeff_g_max_reference = 25.0;
  prog_noise_scale = 1.0;
  read_noise_scale = 1.0;
  drift_scale = 1.0;

  constructor(init?: ParameterInit<PCMLikeNoiseModel>) {
    super();
    this.init(init);
  }
}
