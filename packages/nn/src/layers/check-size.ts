import { ConfigError } from '@analogkit/core';

/** Checks a count given to a constructor (features, channels, epochs): an integer >= 1. */
export function checkSize(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be an integer >= 1, got ${value}.`, name);
}
