import { nested } from './field-spec.js';
import { InputRangeParameter } from './input-range-parameter.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** Digital pre- and post-processing of a tile (input range). */
export class PrePostProcessingParameter extends ParameterBase {
  static override readonly className: string = 'PrePostProcessingParameter';
  static override readonly fields = {
    input_range: nested('InputRangeParameter'),
  };

  input_range: InputRangeParameter = new InputRangeParameter();

  constructor(init?: ParameterInit<PrePostProcessingParameter>) {
    super();
    this.init(init);
  }
}
