import { AnalogKitError } from '@analogkit/core';

/** A module was used in a way its state does not allow (e.g. drifting weights in training mode). */
export class ModuleError extends AnalogKitError {
  override readonly code = 'MODULE_ERROR';
}

/** A state dict does not fit the model it is loaded into; nothing was changed. */
export class StateDictError extends AnalogKitError {
  override readonly code = 'STATE_DICT_ERROR';
}
