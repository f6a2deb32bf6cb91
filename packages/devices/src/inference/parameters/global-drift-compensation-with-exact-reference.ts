import { BaseDriftCompensation, type ParameterInit } from '@analogkit/core';

/** Global drift compensation whose baseline is read out through a perfect (noise-free) forward (no fields). */
export class GlobalDriftCompensationWithExactReference extends BaseDriftCompensation {
  static override readonly className: string = 'GlobalDriftCompensationWithExactReference';
  static override readonly fields = {};

  constructor(init?: ParameterInit<GlobalDriftCompensationWithExactReference>) {
    super();
    this.init(init);
  }
}
