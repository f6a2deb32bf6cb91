import { ConfigError, numbers, ParameterBase, type ParameterInit } from '@analogkit/core';

/**
 * The drift table of aihwkit's `CustomDriftPCMLikeNoiseModel` (its `custom_drift_model` dict):
 * mean and standard deviation of the drift exponent at ascending conductances (µS), linearly
 * interpolated in between.
 */
export class CustomDriftModel extends ParameterBase {
  static override readonly className: string = 'CustomDriftModel';
  static override readonly fields = {
    g_lst: numbers({ min: 0 }),
    nu_mean_lst: numbers(),
    nu_std_lst: numbers({ min: 0 }),
  };

  /** Conductances in µS, ascending (at least 2). */
  g_lst: number[] = [];
  nu_mean_lst: number[] = [];
  nu_std_lst: number[] = [];

  constructor(init?: ParameterInit<CustomDriftModel>) {
    super();
    this.init(init);
  }

  protected override validateCrossFields(): void {
    const n = this.g_lst.length;
    if (n < 2 || this.nu_mean_lst.length !== n || this.nu_std_lst.length !== n) {
      throw new ConfigError(
        `CustomDriftModel needs g_lst, nu_mean_lst and nu_std_lst of one length >= 2, got ${n}, ${this.nu_mean_lst.length} and ${this.nu_std_lst.length}.`,
        'CustomDriftModel.g_lst',
      );
    }
    for (let k = 1; k < n; k++) {
      if (!(this.g_lst[k]! >= this.g_lst[k - 1]!)) {
        throw new ConfigError(`CustomDriftModel.g_lst must be in ascending order, got [${this.g_lst.join(', ')}].`, 'CustomDriftModel.g_lst');
      }
    }
  }
}
