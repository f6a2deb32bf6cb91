import { coreParameterClass } from './core-classes.js';
import type { ParameterBase, ParameterClassResolver } from './parameter-base.js';
import { parameterFromJSON } from './parameter-json.js';

export interface ConfigFromJSONOptions {
  /** Resolves classes beyond the core ones (e.g. `deviceRegistry.parameterClass`); tried first. */
  resolve?: ParameterClassResolver;
  /** Receives a note for each aihwkit-only field that was ignored (runtime, tile_class, ...). */
  onNote?: (note: string) => void;
  /** The class to assume when the top-level object has no `__class__`. */
  expected?: string;
}

/**
 * Builds a config (or any parameter object) from its JSON form, as written by `toJSON()` or by
 * aihwkit: `__class__` keys, snake_case fields, enums as `EnumName.VALUE` or `VALUE`. Nested
 * objects without `__class__` take the class their position implies. Throws ConfigError naming
 * the field for unknown classes, unknown fields and invalid values.
 */
export function configFromJSON(json: unknown, options: ConfigFromJSONOptions = {}): ParameterBase {
  const extra = options.resolve;
  const resolve: ParameterClassResolver = extra ? (name) => extra(name) ?? coreParameterClass(name) : coreParameterClass;
  const value = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  return parameterFromJSON(value, resolve, options.expected, options.onNote);
}
