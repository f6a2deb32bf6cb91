import { ConfigError } from '../errors.js';
import type { FieldSpec, FieldSpecs } from './field-spec.js';

/** The JSON form of a parameter object: aihwkit's snake_case fields plus `__class__`. */
export interface ParameterJSON {
  __class__: string;
  [field: string]: unknown;
}

/** Resolves a `__class__` name to a parameter class (core classes plus registered plugins). */
export type ParameterClassResolver = (className: string) => ParameterClass | undefined;

export interface ParameterClass<T extends ParameterBase = ParameterBase> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  new (init?: any): T;
  readonly className: string;
  readonly fields: FieldSpecs;
}

type DataKey<T, K extends keyof T> = K extends 'className' ? never : T[K] extends (...args: never[]) => unknown ? never : K;

/** The data fields of a parameter class, for constructors: `new IOParameters({ out_noise: 0 })`. */
export type ParameterInit<T> = {
  [K in keyof T as DataKey<T, K>]?: NonNullable<T[K]> extends ParameterBase
    ? T[K] | ParameterInit<NonNullable<T[K]>>
    : T[K];
};

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Base of every parameter and config class. Subclasses declare `static className`, `static
 * fields` and the fields themselves with their defaults, and call `this.init(init)` at the end
 * of their constructor (after the field initialisers have run). Concrete classes are not meant
 * to be subclassed (their constructor validates); extend the abstract bases instead.
 */
export abstract class ParameterBase {
  static readonly className: string = 'ParameterBase';
  static readonly fields: FieldSpecs = {};

  get className(): string {
    return (this.constructor as ParameterClass).className;
  }

  protected get fieldSpecs(): FieldSpecs {
    return (this.constructor as ParameterClass).fields;
  }

  /** Applies `init` over the defaults and validates; throws ConfigError naming the field. */
  protected init(init: object | undefined): void {
    if (init !== undefined) {
      if (!isPlainObject(init)) {
        throw new ConfigError(`${this.className} expects an object of fields, got ${describe(init)}.`);
      }
      const specs = this.fieldSpecs;
      for (const [key, value] of Object.entries(init)) {
        if (value === undefined) continue;
        if (!hasOwn(specs, key)) throw unknownField(this.className, key, specs);
        const self = this as unknown as Record<string, unknown>;
        self[key] = coerce(this.className, key, specs[key]!, value, self[key]);
      }
    }
    this.validate();
  }

  /** Throws a ConfigError naming the first invalid field (nested objects included). */
  validate(): void {
    for (const [key, spec] of Object.entries(this.fieldSpecs)) {
      checkField(this.className, key, spec, (this as unknown as Record<string, unknown>)[key]);
    }
    this.validateCrossFields();
  }

  /** Hook for rules that involve several fields. */
  protected validateCrossFields(): void {}

  /** aihwkit's form: `{"__class__": "IOParameters", "bound_management": "BoundManagementType.ITERATIVE", ...}`. */
  toJSON(): ParameterJSON {
    const out: ParameterJSON = { __class__: this.className };
    for (const [key, spec] of Object.entries(this.fieldSpecs)) {
      out[key] = fieldToJSON(spec, (this as unknown as Record<string, unknown>)[key]);
    }
    return out;
  }

  /** The fields as constructor input (nested objects kept as instances, not copied). */
  fieldValues(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this.fieldSpecs)) out[key] = (this as unknown as Record<string, unknown>)[key];
    return out;
  }

  /** A deep copy: nested parameter objects and arrays are copied too. */
  copy(): this {
    const Ctor = this.constructor as new (init?: Record<string, unknown>) => this;
    const init: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(this.fieldSpecs)) {
      init[key] = copyField(spec, (this as unknown as Record<string, unknown>)[key]);
    }
    return new Ctor(init);
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v}"`;
  if (v instanceof ParameterBase) return `a ${v.className}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

export function unknownField(className: string, key: string, specs: FieldSpecs): ConfigError {
  return new ConfigError(
    `${className} has no field "${key}". Known fields: ${Object.keys(specs).join(', ')}.`,
    `${className}.${key}`,
  );
}

/** Whether `value`'s class, or one of its parent classes, is named `className`. */
function isOfClass(value: ParameterBase, className: string): boolean {
  for (let c: unknown = value.constructor; typeof c === 'function' && c !== ParameterBase; c = Object.getPrototypeOf(c)) {
    if (hasOwn(c, 'className') && (c as ParameterClass).className === className) return true;
  }
  return false;
}

/** Turns constructor input into the stored value: plain objects become nested instances, arrays are copied. */
function coerce(className: string, key: string, spec: FieldSpec, value: unknown, current: unknown): unknown {
  if (spec.kind === 'nested' && isPlainObject(value)) {
    if (current instanceof ParameterBase) {
      const Ctor = current.constructor as ParameterClass;
      return new Ctor({ ...current.fieldValues(), ...value });
    }
    throw new ConfigError(
      `${className}.${key} is null; give a ${spec.defaultClass} object (not a plain object) to set it.`,
      `${className}.${key}`,
    );
  }
  if ((spec.kind === 'numberArray' || spec.kind === 'nestedArray') && Array.isArray(value)) return [...value];
  return value;
}

export function checkField(className: string, key: string, spec: FieldSpec, value: unknown): void {
  const name = `${className}.${key}`;
  const fail = (what: string): never => {
    throw new ConfigError(`${name} ${what}, got ${describe(value)}.`, name);
  };
  switch (spec.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('must be a finite number');
      const v = value as number;
      if (spec.integer && !Number.isInteger(v)) fail('must be an integer');
      if (spec.min !== undefined && (spec.minExclusive ? v <= spec.min : v < spec.min)) {
        fail(`must be ${spec.minExclusive ? '>' : '>='} ${spec.min}`);
      }
      if (spec.max !== undefined && v > spec.max) fail(`must be <= ${spec.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be true or false');
      return;
    case 'string':
      if (!(typeof value === 'string' || (spec.nullable && value === null))) fail(`must be a string${spec.nullable ? ' or null' : ''}`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !hasOwn(spec.values, value)) {
        fail(`must be one of ${spec.enumName}.{${Object.keys(spec.values).join(', ')}}`);
      }
      return;
    case 'numberArray': {
      if (!Array.isArray(value)) fail('must be an array of finite numbers');
      for (const v of value as unknown[]) {
        if (typeof v !== 'number' || !Number.isFinite(v)) fail('must contain only finite numbers');
        if (spec.min !== undefined && (v as number) < spec.min) fail(`must contain only values >= ${spec.min}`);
        if (spec.max !== undefined && (v as number) > spec.max) fail(`must contain only values <= ${spec.max}`);
      }
      return;
    }
    case 'nested':
      if (value === null && spec.nullable) return;
      if (!(value instanceof ParameterBase)) fail(`must be a parameter object (${spec.defaultClass} or a subclass)`);
      if (!spec.polymorphic && !isOfClass(value as ParameterBase, spec.defaultClass)) {
        fail(`must be a ${spec.defaultClass} (or a subclass)`);
      }
      (value as ParameterBase).validate();
      return;
    case 'nestedArray':
      if (!Array.isArray(value) || !value.every((v) => v instanceof ParameterBase)) fail('must be an array of parameter objects');
      for (const v of value as ParameterBase[]) v.validate();
      return;
  }
}

function fieldToJSON(spec: FieldSpec, value: unknown): unknown {
  if (value === null) return null;
  switch (spec.kind) {
    case 'enum':
      return `${spec.enumName}.${value as string}`;
    case 'numberArray':
      return [...(value as number[])];
    case 'nested':
      return (value as ParameterBase).toJSON();
    case 'nestedArray':
      return (value as ParameterBase[]).map((v) => v.toJSON());
    default:
      return value;
  }
}

function copyField(spec: FieldSpec, value: unknown): unknown {
  if (value === null) return null;
  switch (spec.kind) {
    case 'numberArray':
      return [...(value as number[])];
    case 'nested':
      return (value as ParameterBase).copy();
    case 'nestedArray':
      return (value as ParameterBase[]).map((v) => v.copy());
    default:
      return value;
  }
}
