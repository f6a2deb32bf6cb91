import { PulseType } from './enums.js';
import { bool, enumOf, int, nonNeg, num } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** Pulsed update: bit-line length, pulse type and update management. */
export class UpdateParameters extends ParameterBase {
  static override readonly className = 'UpdateParameters';
  static override readonly fields = {
    desired_bl: int(1),
    fixed_bl: bool(),
    pulse_type: enumOf('PulseType', PulseType),
    res: num(),
    x_res_implicit: num(),
    d_res_implicit: num(),
    d_sparsity: bool(),
    sto_round: bool(),
    update_bl_management: bool(),
    update_management: bool(),
    um_grad_scale: nonNeg(),
  };

  desired_bl = 31;
  fixed_bl = true;
  pulse_type: PulseType = PulseType.STOCHASTIC_COMPRESSED;
  res = 0;
  x_res_implicit = 0;
  d_res_implicit = 0;
  d_sparsity = false;
  sto_round = false;
  update_bl_management = true;
  update_management = true;
  um_grad_scale = 1.0;

  constructor(init?: ParameterInit<UpdateParameters>) {
    super();
    this.init(init);
  }
}
