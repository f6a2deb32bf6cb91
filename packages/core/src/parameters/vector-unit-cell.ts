import { VectorUnitCellUpdatePolicy } from './enums.js';
import { enumOf, int, numbers } from './field-spec.js';
import type { ParameterInit } from './parameter-base.js';
import { UnitCell, unitCellFields } from './unit-cell.js';

/** Several devices per cross-point whose weighted sum is the weight (aihwkit's `VectorUnitCell`). */
export class VectorUnitCell extends UnitCell {
  static override readonly className: string = 'VectorUnitCell';
  static override readonly fields = {
    ...unitCellFields,
    update_policy: enumOf('VectorUnitCellUpdatePolicy', VectorUnitCellUpdatePolicy),
    first_update_idx: int(0),
    gamma_vec: numbers(),
  };

  update_policy: VectorUnitCellUpdatePolicy = VectorUnitCellUpdatePolicy.ALL;
  /** Device receiving the first mini-batch (SINGLE_FIXED). */
  first_update_idx = 0;
  /** Weighting of the devices; empty means 1/n each. */
  gamma_vec: number[] = [];

  constructor(init?: ParameterInit<VectorUnitCell>) {
    super();
    this.init(init);
  }
}
