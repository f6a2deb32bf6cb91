import { InvalidArgumentError } from 'commander';

/** Option parsers for commander: each takes the raw text and throws InvalidArgumentError with what is expected. */

export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('expected a positive integer.');
  return value;
}

export function nonNegativeInteger(text: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value)) throw new InvalidArgumentError('expected an integer >= 0.');
  return value;
}

export function positiveNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('expected a number > 0.');
  return value;
}

/** A momentum or similar coefficient in [0, 1). */
export function unitInterval(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value >= 1) throw new InvalidArgumentError('expected a number in [0, 1).');
  return value;
}

/** A seed: an integer in [0, 2^32). */
export function seed(text: string): number {
  const value = nonNegativeInteger(text);
  if (value >= 2 ** 32) throw new InvalidArgumentError('expected an integer in [0, 4294967295].');
  return value;
}

/** A positive integer no larger than `max`. */
export function positiveIntegerAtMost(max: number): (text: string) => number {
  return (text) => {
    const value = positiveInteger(text);
    if (value > max) throw new InvalidArgumentError(`expected a positive integer <= ${max}.`);
    return value;
  };
}
