import { nested, nonNeg } from './field-spec.js';
import { SimpleDriftParameter } from './drift-parameter.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** The device of a floating-point tile: ideal update plus diffusion, decay and simple drift. */
export class FloatingPointDevice extends ParameterBase {
  static override readonly className: string = 'FloatingPointDevice';
  static override readonly fields = {
    diffusion: nonNeg(),
    lifetime: nonNeg(),
    drift: nested('SimpleDriftParameter'),
  };

  diffusion = 0.0;
  lifetime = 0.0;
  drift: SimpleDriftParameter = new SimpleDriftParameter();

  constructor(init?: ParameterInit<FloatingPointDevice>) {
    super();
    this.init(init);
  }
}
