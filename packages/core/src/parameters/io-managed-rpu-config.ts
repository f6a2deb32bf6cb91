import { nested } from './field-spec.js';
import { IOParameters } from './io-parameters.js';
import { RPUConfigBase, rpuConfigBaseFields } from './rpu-config-base.js';
import { UpdateParameters } from './update-parameters.js';

/** The fields of configs with an analog forward, backward and update. */
export const ioManagedFields = {
  ...rpuConfigBaseFields,
  forward: nested('IOParameters'),
  backward: nested('IOParameters'),
  update: nested('UpdateParameters'),
};

/** Base of the analog-tile configs (aihwkit's `IOManagedRPUConfig`). */
export abstract class IOManagedRPUConfig extends RPUConfigBase {
  static override readonly className: string = 'IOManagedRPUConfig';

  forward: IOParameters = new IOParameters();
  backward: IOParameters = new IOParameters();
  update: UpdateParameters = new UpdateParameters();
}
