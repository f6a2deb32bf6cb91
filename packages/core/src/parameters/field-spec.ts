/** Declarative description of one parameter field: enough to validate, (de)serialise and copy it. */
export type FieldSpec =
  | { readonly kind: 'number'; readonly min?: number; readonly max?: number; readonly integer?: boolean; readonly minExclusive?: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'string'; readonly nullable?: boolean }
  | { readonly kind: 'enum'; readonly enumName: string; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'numberArray'; readonly min?: number; readonly max?: number }
  | {
      readonly kind: 'nested';
      /** Class built when the field is given as a plain object or as JSON without `__class__`. */
      readonly defaultClass: string;
      /** Accepts any parameter class (devices, noise models from plugins), not just `defaultClass` and its subclasses. */
      readonly polymorphic?: boolean;
      /** Accepts `null` (aihwkit's `Optional[...] = None`). */
      readonly nullable?: boolean;
    }
  | { readonly kind: 'nestedArray'; readonly polymorphic?: boolean };

export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

export const num = (opts: { min?: number; max?: number; integer?: boolean; minExclusive?: boolean } = {}): FieldSpec => ({
  kind: 'number',
  ...opts,
});
/** A probability in [0, 1]. */
export const prob = (): FieldSpec => ({ kind: 'number', min: 0, max: 1 });
/** A non-negative number (std-devs, rates, counts). */
export const nonNeg = (): FieldSpec => ({ kind: 'number', min: 0 });
/** A strictly positive number (divisors such as t_0 or g_max). */
export const positive = (): FieldSpec => ({ kind: 'number', min: 0, minExclusive: true });
export const int = (min = 0): FieldSpec => ({ kind: 'number', min, integer: true });
export const bool = (): FieldSpec => ({ kind: 'boolean' });
export const str = (opts: { nullable?: boolean } = {}): FieldSpec => ({ kind: 'string', ...opts });
export const enumOf = (enumName: string, values: Readonly<Record<string, string>>): FieldSpec => ({
  kind: 'enum',
  enumName,
  values,
});
export const numbers = (opts: { min?: number; max?: number } = {}): FieldSpec => ({ kind: 'numberArray', ...opts });
/**
 * A nested parameter object of class `defaultClass` (or a subclass). With `polymorphic` it
 * accepts any parameter class (e.g. a device of a plugin); with `nullable` also `null`.
 * The second argument may be a boolean for `polymorphic`.
 */
export const nested = (defaultClass: string, opts: boolean | { polymorphic?: boolean; nullable?: boolean } = {}): FieldSpec => ({
  kind: 'nested',
  defaultClass,
  ...(typeof opts === 'boolean' ? { polymorphic: opts } : opts),
});
export const nestedArray = (): FieldSpec => ({ kind: 'nestedArray', polymorphic: true });
