import { BoundManagementType, NoiseManagementType } from '../parameters/enums.js';
import type { IOParameters } from '../parameters/io-parameters.js';
import type { ParameterInit } from '../parameters/parameter-base.js';

/** IO settings without noise, quantisation, bounds, noise or bound management: the MVM is exactly W x. */
export const IDEAL_PERIPHERY: ParameterInit<IOParameters> = {
  out_noise: 0,
  inp_res: 0,
  out_res: 0,
  inp_bound: 0,
  out_bound: 0,
  noise_management: NoiseManagementType.NONE,
  bound_management: BoundManagementType.NONE,
};
