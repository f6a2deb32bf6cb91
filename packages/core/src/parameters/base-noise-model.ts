import { ParameterBase } from './parameter-base.js';

/** Base of the inference noise models' parameter data (aihwkit's `BaseNoiseModel`). */
export abstract class BaseNoiseModel extends ParameterBase {
  static override readonly className: string = 'BaseNoiseModel';
}
