import { BaseDriftCompensation, type ParameterInit } from '@analogkit/core';

/** Drift compensation with one scale per output (column of the readout) instead of one per tile (no fields). */
export class PerColumnDriftCompensation extends BaseDriftCompensation {
  static override readonly className: string = 'PerColumnDriftCompensation';
  static override readonly fields = {};

  constructor(init?: ParameterInit<PerColumnDriftCompensation>) {
    super();
    this.init(init);
  }
}
