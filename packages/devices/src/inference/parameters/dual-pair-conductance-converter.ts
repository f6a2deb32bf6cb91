import { BaseConductanceConverter, ConfigError, nonNeg, numbers, positive, type ParameterInit } from '@analogkit/core';

/**
 * Parameter data of aihwkit's `DualPairConductanceConverter`: two device pairs per weight with
 * significance factors `f_lst` (lowest first). The more significant pair is only used once the
 * less significant one is at g_max.
 */
export class DualPairConductanceConverter extends BaseConductanceConverter {
  static override readonly className: string = 'DualPairConductanceConverter';
  static override readonly fields = {
    f_lst: numbers(),
    g_max: positive(),
    g_min: nonNeg(),
  };

  /** Significance factor of each pair, lowest first (required, two positive values). */
  f_lst: number[] = [];
  /** Conductance (µS) at the end of each device's range. */
  g_max = 25.0;
  /** Conductance (µS) of a logical zero. */
  g_min = 0.0;

  constructor(init?: ParameterInit<DualPairConductanceConverter>) {
    super();
    this.init(init);
  }

  protected override validateCrossFields(): void {
    if (this.f_lst.length !== 2 || !this.f_lst.every((f) => f > 0)) {
      throw new ConfigError(
        `DualPairConductanceConverter.f_lst must be two positive significance factors (e.g. [1, 3]), got [${this.f_lst.join(', ')}].`,
        'DualPairConductanceConverter.f_lst',
      );
    }
    if (!(this.g_min < this.g_max)) {
      throw new ConfigError(
        `DualPairConductanceConverter.g_min (${this.g_min}) must be smaller than g_max (${this.g_max}).`,
        'DualPairConductanceConverter.g_min',
      );
    }
  }
}
