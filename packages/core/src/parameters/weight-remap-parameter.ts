import { WeightRemapType } from './enums.js';
import { enumOf, nonNeg, num } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** Remapping of weights into the conductance range, moving the factor into the digital scales. */
export class WeightRemapParameter extends ParameterBase {
  static override readonly className = 'WeightRemapParameter';
  static override readonly fields = {
    remapped_wmax: num({ min: 0, minExclusive: true }),
    max_scale_range: nonNeg(),
    max_scale_ref: nonNeg(),
    type: enumOf('WeightRemapType', WeightRemapType),
  };

  remapped_wmax = 1.0;
  max_scale_range = 0.0;
  max_scale_ref = 0.0;
  type: WeightRemapType = WeightRemapType.NONE;

  constructor(init?: ParameterInit<WeightRemapParameter>) {
    super();
    this.init(init);
  }
}
