import { nested } from './field-spec.js';
import { IOManagedRPUConfig, ioManagedFields } from './io-managed-rpu-config.js';
import type { ParameterInit } from './parameter-base.js';
import { ConstantStepDevice, type PulsedDeviceParameters } from './pulsed-device-parameters.js';

/** Config of an analog tile with one pulsed device per cross-point (aihwkit's `SingleRPUConfig`). */
export class SingleRPUConfig extends IOManagedRPUConfig {
  static override readonly className: string = 'SingleRPUConfig';
  static override readonly fields = {
    ...ioManagedFields,
    device: nested('ConstantStepDevice', { polymorphic: true }),
  };

  /** Any device parameter class is accepted at run time (plugin devices included). */
  device: PulsedDeviceParameters = new ConstantStepDevice();

  constructor(init?: ParameterInit<SingleRPUConfig>) {
    super();
    this.init(init);
  }
}
