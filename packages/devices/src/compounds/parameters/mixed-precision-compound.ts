import {
  bool,
  ConfigError,
  int,
  nested,
  nonNeg,
  num,
  ParameterBase,
  VectorUnitCell,
  type ParameterInit,
} from '@analogkit/core';

/** The fields of every digital-rank-update cell (aihwkit's `DigitalRankUpdateCell`). */
export const digitalRankUpdateCellFields = {
  device: nested('VectorUnitCell', { polymorphic: true }),
  construction_seed: int(0),
};

/**
 * Base of the compounds that compute the rank update digitally and transfer it occasionally onto
 * one analog device, which serves forward and backward.
 */
export abstract class DigitalRankUpdateCell extends ParameterBase {
  static override readonly className: string = 'DigitalRankUpdateCell';

  /** The analog device (a pulsed device or a unit cell). */
  device: ParameterBase = new VectorUnitCell();
  construction_seed = 0;
}

/**
 * Mixed-precision update (aihwkit's `MixedPrecisionCompound`, Nandakumar et al. 2020): `chi += lr d x^T`
 * in floating point (x and d optionally quantised to `n_x_bins` / `n_d_bins` by their abs-max);
 * every `transfer_every` batches, rows of chi are written onto the device as `trunc(chi/g)` pulses
 * (a pulsed update with learning rate `g transfer_lr`) and `chi -= trunc(chi/g) g`.
 */
export class MixedPrecisionCompound extends DigitalRankUpdateCell {
  static override readonly className: string = 'MixedPrecisionCompound';
  static override readonly fields = {
    ...digitalRankUpdateCellFields,
    transfer_every: int(0),
    n_rows_per_transfer: int(-1),
    random_row: bool(),
    granularity: nonNeg(),
    transfer_lr: num(),
    n_x_bins: int(0),
    n_d_bins: int(0),
    stoc_round_x: bool(),
    stoc_round_d: bool(),
  };

  /** Transfer period in batches (vector updates times the batch size); 0 = never. */
  transfer_every = 1;
  /** Consecutive rows written per transfer; -1 = all rows, 0 = none. */
  n_rows_per_transfer = -1;
  /** Start each transfer at a random row instead of the next one. */
  random_row = false;
  /** The threshold g of one pulse; 0 = the device's weight granularity. */
  granularity = 0.0;
  transfer_lr = 1.0;
  /** Quantisation bins of x (0 = none). */
  n_x_bins = 0;
  /** Quantisation bins of d (0 = none). */
  n_d_bins = 0;
  stoc_round_x = true;
  stoc_round_d = true;

  constructor(init?: ParameterInit<MixedPrecisionCompound>) {
    super();
    this.init(init);
  }

  protected override validateCrossFields(): void {
    for (const field of ['n_x_bins', 'n_d_bins'] as const) {
      if (this[field] === 1) {
        throw new ConfigError(`${this.className}.${field} must be 0 (no quantisation) or at least 2 bins, got 1.`, `${this.className}.${field}`);
      }
    }
  }
}
