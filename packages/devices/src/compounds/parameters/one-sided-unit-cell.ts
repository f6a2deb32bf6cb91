import {
  bool,
  int,
  IOParameters,
  nested,
  num,
  UnitCell,
  unitCellFields,
  UpdateParameters,
  type ParameterInit,
} from '@analogkit/core';

/**
 * A +/- pair of devices per cross-point, each receiving one sign of the update (aihwkit's
 * `OneSidedUnitCell`); the weight is `w_plus - w_minus`. Only the first of `unit_cell_devices`
 * is used, for both devices. Every `refresh_every` updates the pair is refreshed: saturated
 * pairs are reset and their difference is written back onto one device.
 */
export class OneSidedUnitCell extends UnitCell {
  static override readonly className: string = 'OneSidedUnitCell';
  static override readonly fields = {
    ...unitCellFields,
    refresh_every: int(0),
    units_in_mbatch: bool(),
    refresh_upper_thres: num(),
    refresh_lower_thres: num(),
    refresh_forward: nested('IOParameters'),
    refresh_update: nested('UpdateParameters'),
    copy_inverted: bool(),
  };

  /** Refresh period in single-vector updates (times the batch size with `units_in_mbatch`); 0 = never. */
  refresh_every = 0;
  units_in_mbatch = true;
  /** A pair is refreshed when its larger side, relative to w_max, exceeds this ... */
  refresh_upper_thres = 0.75;
  /** ... and its smaller side exceeds this. */
  refresh_lower_thres = 0.25;
  /** The read of both devices during a refresh. */
  refresh_forward: IOParameters = new IOParameters();
  /** The pulsed write of the difference during a refresh. */
  refresh_update: UpdateParameters = new UpdateParameters();
  /** The minus device gets mirrored bounds and swapped up/down steps of its own draw. */
  copy_inverted = false;

  constructor(init?: ParameterInit<OneSidedUnitCell>) {
    super();
    this.init(init);
  }
}
