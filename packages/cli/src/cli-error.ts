import { AnalogKitError } from '@analogkit/core';

/** A command could not run as asked: a bad option combination, a missing file, an unknown plugin. */
export class CliError extends AnalogKitError {
  override readonly code = 'CLI_ERROR';
}
