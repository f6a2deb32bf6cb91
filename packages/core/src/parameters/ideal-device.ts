import { int, nonNeg } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** Floating-point update with a possibly non-ideal forward/backward (aihwkit's `IdealDevice`). */
export class IdealDevice extends ParameterBase {
  static override readonly className: string = 'IdealDevice';
  static override readonly fields = {
    construction_seed: int(0),
    diffusion: nonNeg(),
    lifetime: nonNeg(),
    reset_std: nonNeg(),
  };

  construction_seed = 0;
  diffusion = 0.0;
  lifetime = 0.0;
  reset_std = 0.01;

  constructor(init?: ParameterInit<IdealDevice>) {
    super();
    this.init(init);
  }
}
