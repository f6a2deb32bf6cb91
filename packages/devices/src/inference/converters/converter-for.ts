import { ConfigError, type BaseConductanceConverter } from '@analogkit/core';
import type { ConductanceConverter } from './conductance-converter.js';
import { dualPairConverter } from './dual-pair-converter.js';
import { singlePairConverter } from './single-pair-converter.js';

const CONVERTERS: readonly ConductanceConverter[] = [singlePairConverter, dualPairConverter] as readonly ConductanceConverter[];

/** The converter behaviour for a converter parameter object. */
export function converterFor(params: BaseConductanceConverter): ConductanceConverter {
  const converter = CONVERTERS.find((c) => c.parameterClass.className === params.className);
  if (!converter) {
    throw new ConfigError(
      `Conductance converter ${params.className} is not supported; use one of ${CONVERTERS.map((c) => c.parameterClass.className).join(', ')}.`,
      'g_converter',
    );
  }
  return converter;
}
