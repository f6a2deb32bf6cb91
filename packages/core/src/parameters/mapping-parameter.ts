import { bool, int, nonNeg } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** Mapping of logical weights onto tiles: digital bias, weight scaling, tile size limits. */
export class MappingParameter extends ParameterBase {
  static override readonly className: string = 'MappingParameter';
  static override readonly fields = {
    digital_bias: bool(),
    weight_scaling_omega: nonNeg(),
    weight_scaling_columnwise: bool(),
    weight_scaling_lr_compensation: bool(),
    learn_out_scaling: bool(),
    out_scaling_columnwise: bool(),
    max_input_size: int(0),
    max_output_size: int(0),
  };

  digital_bias = true;
  /** abs-max of the weights is scaled to this value; 0 turns scaling off. */
  weight_scaling_omega = 0.0;
  weight_scaling_columnwise = false;
  weight_scaling_lr_compensation = false;
  learn_out_scaling = false;
  out_scaling_columnwise = false;
  /** Larger layers are split over several tiles; 0 (with max_output_size 0) never splits. */
  max_input_size = 512;
  max_output_size = 512;

  constructor(init?: ParameterInit<MappingParameter>) {
    super();
    this.init(init);
  }
}
