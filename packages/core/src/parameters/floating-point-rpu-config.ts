import { nested } from './field-spec.js';
import { FloatingPointDevice } from './floating-point-device.js';
import type { ParameterInit } from './parameter-base.js';
import { RPUConfigBase, rpuConfigBaseFields } from './rpu-config-base.js';

/** Config of a floating-point tile (aihwkit's `FloatingPointRPUConfig`). */
export class FloatingPointRPUConfig extends RPUConfigBase {
  static override readonly className: string = 'FloatingPointRPUConfig';
  static override readonly fields = {
    ...rpuConfigBaseFields,
    device: nested('FloatingPointDevice'),
  };

  device: FloatingPointDevice = new FloatingPointDevice();

  constructor(init?: ParameterInit<FloatingPointRPUConfig>) {
    super();
    this.init(init);
  }
}
