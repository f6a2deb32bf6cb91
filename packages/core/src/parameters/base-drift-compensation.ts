import { ParameterBase } from './parameter-base.js';

/** Base of the drift compensations' parameter data (aihwkit's `BaseDriftCompensation`). */
export abstract class BaseDriftCompensation extends ParameterBase {
  static override readonly className: string = 'BaseDriftCompensation';
}
