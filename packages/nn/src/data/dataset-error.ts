import { AnalogKitError } from '@analogkit/core';

/** A dataset file is missing or malformed, or a dataset was asked for something it does not hold. */
export class DatasetError extends AnalogKitError {
  override readonly code = 'DATASET_ERROR';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message);
    if (options.cause !== undefined) this.cause = options.cause;
  }
}
