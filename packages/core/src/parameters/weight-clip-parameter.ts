import { WeightClipType } from './enums.js';
import { enumOf, nonNeg, num } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** Weight clipping during hardware-aware training (applied in post_update_step). */
export class WeightClipParameter extends ParameterBase {
  static override readonly className = 'WeightClipParameter';
  static override readonly fields = {
    fixed_value: num(),
    sigma: nonNeg(),
    type: enumOf('WeightClipType', WeightClipType),
  };

  /** Clip value for FIXED_VALUE; when > 0 it also caps the other clip types. */
  fixed_value = -1.0;
  sigma = 2.5;
  type: WeightClipType = WeightClipType.NONE;

  constructor(init?: ParameterInit<WeightClipParameter>) {
    super();
    this.init(init);
  }
}
