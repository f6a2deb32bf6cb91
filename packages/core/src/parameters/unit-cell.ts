import { int, nestedArray } from './field-spec.js';
import { ParameterBase } from './parameter-base.js';

/** The fields every unit cell shares (aihwkit's `UnitCell`). */
export const unitCellFields = {
  unit_cell_devices: nestedArray(),
  construction_seed: int(0),
};

/**
 * Base of the compound devices made of several devices per cross-point (VectorUnitCell here;
 * transfer and one-sided compounds in plugins extend it with `{ ...unitCellFields, ... }`).
 */
export abstract class UnitCell extends ParameterBase {
  static override readonly className: string = 'UnitCell';

  /** The devices that compose the unit cell (any device parameter class). */
  unit_cell_devices: ParameterBase[] = [];
  construction_seed = 0;
}
