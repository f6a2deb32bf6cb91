import { Tensor } from '@analogkit/core';
import { CheckpointError } from './checkpoint-error.js';

/**
 * Throws unless `value` survives JSON.stringify/parse unchanged: null, booleans, finite numbers,
 * strings, arrays and plain objects, without cycles. Anything else would be silently altered
 * (NaN becomes null, a Float32Array becomes an object, undefined disappears).
 */
export function checkJsonValue(value: unknown, path: string, ancestors: object[] = []): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CheckpointError(`State value "${path}" is ${value}, which JSON cannot store; keep non-finite numbers in a Tensor.`);
    }
    return;
  }
  if (typeof value !== 'object') {
    throw new CheckpointError(`State value "${path}" is a ${typeof value}; only tensors and JSON values (null, boolean, number, string, array, plain object) can be saved.`);
  }
  if (value instanceof Tensor) {
    throw new CheckpointError(`State value "${path}" is a Tensor nested inside a JSON value; tensors must be top-level entries of the state dict.`);
  }
  if (ancestors.includes(value)) throw new CheckpointError(`State value "${path}" contains a reference cycle.`);
  if (Array.isArray(value)) {
    ancestors.push(value);
    value.forEach((item, i) => checkJsonValue(item, `${path}[${i}]`, ancestors));
    ancestors.pop();
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new CheckpointError(`State value "${path}" is a ${name}; only plain objects, arrays and tensors can be saved (convert it with toJSON() or a Tensor first).`);
  }
  ancestors.push(value);
  for (const [key, item] of Object.entries(value)) checkJsonValue(item, `${path}.${key}`, ancestors);
  ancestors.pop();
}
