import { ConfigError } from '../errors.js';
import { AIHWKIT_ENUM_VALUES } from './enums.js';
import type { FieldSpec } from './field-spec.js';
import { describe, isPlainObject, unknownField, type ParameterBase, type ParameterClassResolver } from './parameter-base.js';

/** aihwkit's Python-runtime fields: accepted in JSON and dropped, since they mean nothing here. */
const PYTHON_RUNTIME_FIELDS = new Set(['runtime', 'tile_class', 'tile_array_class', 'simulator_tile_class']);

/**
 * Builds a parameter object from its JSON form. `expected` is the class implied by the position
 * (used when the object has no `__class__`); `where` names the position for error messages.
 * Enum values may be written `EnumName.VALUE`, `VALUE` or as aihwkit's Python value (`"Iterative"`);
 * aihwkit's Python-runtime fields are dropped and reported through `onNote`.
 */
export function parameterFromJSON(
  json: unknown,
  resolve: ParameterClassResolver,
  expected?: string,
  onNote: (note: string) => void = () => {},
  where?: string,
): ParameterBase {
  const at = where ? ` at ${where}` : '';
  if (!isPlainObject(json)) {
    throw new ConfigError(`Expected a parameter object${expected ? ` (${expected})` : ''}${at}, got ${describe(json)}.`, where);
  }
  const className = typeof json.__class__ === 'string' ? json.__class__ : expected;
  if (!className) {
    throw new ConfigError(`Parameter JSON${at} has no "__class__" key and no class is implied by its position.`, where ?? '__class__');
  }
  const Ctor = resolve(className);
  if (!Ctor) {
    throw new ConfigError(
      `Unknown parameter class "${className}"${at}. If it is a device or noise model from a plugin, register the plugin (or pass its resolver) before loading the config.`,
      where ?? '__class__',
    );
  }
  const init: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(json)) {
    if (key === '__class__') continue;
    if (PYTHON_RUNTIME_FIELDS.has(key)) {
      onNote(`${className}.${key} is a setting of aihwkit's Python runtime and is ignored.`);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(Ctor.fields, key)) throw unknownField(className, key, Ctor.fields);
    init[key] = fieldFromJSON(`${className}.${key}`, Ctor.fields[key]!, raw, resolve, onNote);
  }
  return new Ctor(init);
}

function fieldFromJSON(
  name: string,
  spec: FieldSpec,
  raw: unknown,
  resolve: ParameterClassResolver,
  onNote: (note: string) => void,
): unknown {
  switch (spec.kind) {
    case 'enum': {
      if (typeof raw !== 'string') throw new ConfigError(`${name} must be an enum string like "${spec.enumName}.X", got ${describe(raw)}.`, name);
      const prefix = `${spec.enumName}.`;
      const member = raw.startsWith(prefix) ? raw.slice(prefix.length) : raw;
      return AIHWKIT_ENUM_VALUES[spec.enumName]?.[member] ?? member;
    }
    case 'nested':
      if (raw === null) return null;
      return parameterFromJSON(raw, resolve, spec.defaultClass, onNote, name);
    case 'nestedArray':
      if (!Array.isArray(raw)) throw new ConfigError(`${name} must be an array of parameter objects, got ${describe(raw)}.`, name);
      return raw.map((item, i) => parameterFromJSON(item, resolve, undefined, onNote, `${name}[${i}]`));
    default:
      return raw;
  }
}
