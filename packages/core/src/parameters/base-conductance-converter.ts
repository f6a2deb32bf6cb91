import { ParameterBase } from './parameter-base.js';

/** Base of the conductance converters' parameter data (aihwkit's `BaseConductanceConverter`). */
export abstract class BaseConductanceConverter extends ParameterBase {
  static override readonly className: string = 'BaseConductanceConverter';
}
