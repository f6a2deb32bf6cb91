import { ConfigError } from '../errors.js';
import { isPlainObject } from './parameter-base.js';
import { SinglePairConductanceConverter } from './single-pair-conductance-converter.js';

interface ConverterGMaxInit {
  g_max?: unknown;
  g_converter?: unknown;
}

/**
 * aihwkit's noise models take g_max from their conductance converter, and build a
 * SinglePairConductanceConverter with the given g_max when no converter is given. This makes a
 * noise model's constructor input agree in the same way: given one of the two, the other
 * follows. Invalid values are left alone for field validation to report.
 */
export function withConverterGMax<T>(init: T): T {
  if (!isPlainObject(init)) return init;
  const { g_max, g_converter } = init as ConverterGMaxInit;
  if (typeof g_max === 'number' && g_max > 0) {
    if (g_converter === undefined) return { ...init, g_converter: new SinglePairConductanceConverter({ g_max }) };
    if (isPlainObject(g_converter) && g_converter.g_max === undefined) return { ...init, g_converter: { ...g_converter, g_max } };
    return init;
  }
  if (g_max === undefined && g_converter !== undefined && g_converter !== null) {
    const fromConverter = (g_converter as { g_max?: unknown }).g_max;
    if (typeof fromConverter === 'number') return { ...init, g_max: fromConverter };
  }
  return init;
}

/** Rejects a noise model whose g_max differs from its converter's (aihwkit has only one). */
export function checkConverterGMax(className: string, gMax: number, converter: object): void {
  const fromConverter = (converter as { g_max?: unknown }).g_max;
  if (typeof fromConverter === 'number' && fromConverter !== gMax) {
    throw new ConfigError(
      `${className}.g_max (${gMax}) differs from g_converter.g_max (${fromConverter}); they are one quantity, give the same value (or only one of them).`,
      `${className}.g_max`,
    );
  }
}
