import { ParameterBase, type ParameterInit } from '@analogkit/core';

type Fields = Record<string, unknown>;

function isPlainObject(v: unknown): v is Fields {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `base`'s fields overridden by `init`: plain objects merge into nested parameter objects, anything else replaces. */
function mergeFields(base: Fields, init: Fields): Fields {
  const merged: Fields = { ...base };
  for (const [key, value] of Object.entries(init)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(value) && current instanceof ParameterBase ? mergeInto(current, value) : value;
  }
  return merged;
}

function mergeInto(target: ParameterBase, init: Fields): ParameterBase {
  const Ctor = target.constructor as new (init: Fields) => ParameterBase;
  return new Ctor(mergeFields(target.fieldValues(), init));
}

/**
 * Builds a preset: `Ctor` with the preset's field values, overridden by the caller's `init` as in
 * aihwkit (`ReRamESPreset(forward=...)`). A parameter object in `init` replaces the preset's one;
 * a plain object only changes the fields it names, at any depth, keeping the preset's other values.
 */
export function buildPreset<T extends ParameterBase>(
  Ctor: new (init?: ParameterInit<T>) => T,
  preset: ParameterInit<T>,
  init: ParameterInit<T> = {},
): T {
  return new Ctor(mergeFields(preset as Fields, init as Fields) as ParameterInit<T>);
}
