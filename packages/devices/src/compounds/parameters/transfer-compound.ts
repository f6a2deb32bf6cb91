import {
  bool,
  int,
  IOParameters,
  nested,
  nonNeg,
  num,
  numbers,
  prob,
  UnitCell,
  unitCellFields,
  UpdateParameters,
  type ParameterInit,
} from '@analogkit/core';

/**
 * Tiki-Taka (aihwkit's `TransferCompound`): SGD updates go to the first (fast) device; every
 * `transfer_every` updates a few one-hot columns (or rows) of a device are read with
 * `transfer_forward` and pulsed into the next device with `transfer_update`. The weight is
 * `sum_k gamma_k W_k` with `gamma_vec`, by default `[gamma^(n-1), ..., gamma, 1]`. Devices after the
 * second one reuse the second's parameters.
 */
export class TransferCompound extends UnitCell {
  static override readonly className: string = 'TransferCompound';
  static override readonly fields = {
    ...unitCellFields,
    gamma: num(),
    gamma_vec: numbers(),
    transfer_every: nonNeg(),
    no_self_transfer: bool(),
    transfer_every_vec: numbers({ min: 0 }),
    units_in_mbatch: bool(),
    n_reads_per_transfer: int(0),
    transfer_columns: bool(),
    with_reset_prob: prob(),
    random_selection: bool(),
    fast_lr: nonNeg(),
    transfer_lr: num(),
    transfer_lr_vec: numbers(),
    scale_transfer_lr: bool(),
    scale_fast_lr: bool(),
    transfer_forward: nested('IOParameters'),
    transfer_update: nested('UpdateParameters'),
  };

  gamma = 0.0;
  /** Explicit weighting of the devices (one per device, the last non-zero); overrides `gamma`. */
  gamma_vec: number[] = [];
  /** Transfer period of the first device, in vector updates (times the batch size with `units_in_mbatch`); 0 = never. */
  transfer_every = 1.0;
  /** The last device never transfers onto itself. */
  no_self_transfer = true;
  /** Explicit transfer periods, one per device; by default each is the previous one times out_size / n_reads_per_transfer. */
  transfer_every_vec: number[] = [];
  units_in_mbatch = true;
  /** One-hot columns (rows) read and written per transfer, consecutive and wrapping around. */
  n_reads_per_transfer = 1;
  /** Transfer columns (forward reads); otherwise rows (backward reads). */
  transfer_columns = true;
  /** Probability of resetting the transferred columns of the source device after a read. */
  with_reset_prob = 0.0;
  /** Start each transfer at a random column instead of the next one. */
  random_selection = false;
  /** Learning rate of the SGD update onto the fast device (0: the SGD learning rate). */
  fast_lr = 1.0;
  transfer_lr = 1.0;
  /** Transfer learning rate per source device; by default `transfer_lr` for all. */
  transfer_lr_vec: number[] = [];
  /** The transfer learning rate is multiplied by the SGD learning rate. */
  scale_transfer_lr = true;
  /** `fast_lr` is multiplied by the SGD learning rate. */
  scale_fast_lr = true;
  /** The read of a transfer (bound and noise management are always off for it). */
  transfer_forward: IOParameters = new IOParameters();
  /** The pulsed write of a transfer. */
  transfer_update: UpdateParameters = new UpdateParameters();

  constructor(init?: ParameterInit<TransferCompound>) {
    super();
    this.init(init);
  }
}
