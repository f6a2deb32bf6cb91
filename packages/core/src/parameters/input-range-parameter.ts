import { bool, int, nonNeg, prob, str } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** Learned (or calibrated) input range that clips the inputs before the tile. */
export class InputRangeParameter extends ParameterBase {
  static override readonly className: string = 'InputRangeParameter';
  static override readonly fields = {
    enable: bool(),
    learn_input_range: bool(),
    init_value: nonNeg(),
    init_from_data: int(0),
    init_std_alpha: nonNeg(),
    decay: nonNeg(),
    input_min_percentage: prob(),
    manage_output_clipping: bool(),
    output_min_percentage: prob(),
    gradient_scale: nonNeg(),
    gradient_relative: bool(),
    calibration_info: str({ nullable: true }),
  };

  enable = false;
  learn_input_range = true;
  init_value = 3.0;
  /** Number of batches used to initialise the range from data; 0 turns it off. */
  init_from_data = 100;
  init_std_alpha = 3.0;
  decay = 0.001;
  input_min_percentage = 0.95;
  manage_output_clipping = false;
  output_min_percentage = 0.95;
  gradient_scale = 1.0;
  gradient_relative = true;
  calibration_info: string | null = null;

  constructor(init?: ParameterInit<InputRangeParameter>) {
    super();
    this.init(init);
  }
}
