import { nested } from './field-spec.js';
import { IOManagedRPUConfig, ioManagedFields } from './io-managed-rpu-config.js';
import type { ParameterBase, ParameterInit } from './parameter-base.js';
import type { UnitCell } from './unit-cell.js';
import { VectorUnitCell } from './vector-unit-cell.js';

/** Config of an analog tile with a compound device per cross-point (aihwkit's `UnitCellRPUConfig`). */
export class UnitCellRPUConfig extends IOManagedRPUConfig {
  static override readonly className: string = 'UnitCellRPUConfig';
  static override readonly fields = {
    ...ioManagedFields,
    device: nested('VectorUnitCell', { polymorphic: true }),
  };

  /**
   * Any compound device: unit cells (VectorUnitCell, OneSidedUnitCell, TransferCompound) and the
   * digital rank-update cells of aihwkit's DigitalRankUpdateRPUConfig (MixedPrecisionCompound).
   */
  device: UnitCell | ParameterBase = new VectorUnitCell();

  constructor(init?: ParameterInit<UnitCellRPUConfig>) {
    super();
    this.init(init);
  }
}
