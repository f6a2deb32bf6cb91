import { BaseDriftCompensation } from './base-drift-compensation.js';
import type { ParameterInit } from './parameter-base.js';

/** Global drift compensation: one output scale per tile from a one-hot readout (no fields). */
export class GlobalDriftCompensation extends BaseDriftCompensation {
  static override readonly className: string = 'GlobalDriftCompensation';
  static override readonly fields = {};

  constructor(init?: ParameterInit<GlobalDriftCompensation>) {
    super();
    this.init(init);
  }
}
