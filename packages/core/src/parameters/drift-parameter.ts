import { nonNeg, num, positive } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

const simpleDriftFields = {
  nu: num(),
  t_0: positive(),
  reset_tol: nonNeg(),
};

/** A power-law drift `w (t/t_0)^-nu` with one nu for all devices. */
export class SimpleDriftParameter extends ParameterBase {
  static override readonly className: string = 'SimpleDriftParameter';
  static override readonly fields = simpleDriftFields;

  nu = 0.0;
  t_0 = 1.0;
  reset_tol = 1e-7;

  constructor(init?: ParameterInit<SimpleDriftParameter>) {
    super();
    this.init(init);
  }
}

/** Power-law drift with device-to-device and cycle-to-cycle variation of nu and weight-dependent nu. */
export class DriftParameter extends ParameterBase {
  static override readonly className = 'DriftParameter';
  static override readonly fields = {
    ...simpleDriftFields,
    nu_dtod: nonNeg(),
    nu_std: nonNeg(),
    wg_ratio: positive(),
    g_offset: num(),
    w_offset: num(),
    nu_k: num(),
    log_g0: num(),
    w_noise_std: nonNeg(),
  };

  nu = 0.0;
  t_0 = 1.0;
  reset_tol = 1e-7;
  nu_dtod = 0.0;
  nu_std = 0.0;
  wg_ratio = 1.0;
  g_offset = 0.0;
  w_offset = 0.0;
  nu_k = 0.0;
  log_g0 = 0.0;
  w_noise_std = 0.0;

  constructor(init?: ParameterInit<DriftParameter>) {
    super();
    this.init(init);
  }
}
