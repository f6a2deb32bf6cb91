import { AnalogKitError } from '@analogkit/core';

/** A checkpoint file could not be written, read or trusted; the message says which part and why. */
export class CheckpointError extends AnalogKitError {
  override readonly code = 'CHECKPOINT_ERROR';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message);
    if (options.cause !== undefined) this.cause = options.cause;
  }
}
