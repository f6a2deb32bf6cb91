import { ConfigError } from '../errors.js';
import { BaseConductanceConverter } from './base-conductance-converter.js';
import { nonNeg, positive } from './field-spec.js';
import type { ParameterInit } from './parameter-base.js';

/**
 * Parameter data of aihwkit's `SinglePairConductanceConverter`: one device pair per weight, the
 * positive part on one device and the negative part on the other (which sits at g_min).
 */
export class SinglePairConductanceConverter extends BaseConductanceConverter {
  static override readonly className: string = 'SinglePairConductanceConverter';
  static override readonly fields = {
    g_max: positive(),
    g_min: nonNeg(),
  };

  /** Conductance (µS) that max|W| is mapped to. */
  g_max = 25.0;
  /** Conductance (µS) of a logical zero. */
  g_min = 0.0;

  constructor(init?: ParameterInit<SinglePairConductanceConverter>) {
    super();
    this.init(init);
  }

  protected override validateCrossFields(): void {
    if (!(this.g_min < this.g_max)) {
      throw new ConfigError(
        `SinglePairConductanceConverter.g_min (${this.g_min}) must be smaller than g_max (${this.g_max}).`,
        'SinglePairConductanceConverter.g_min',
      );
    }
  }
}
