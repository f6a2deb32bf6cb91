import { ConfigError, numbers, type ParameterInit, pulsedDeviceFields } from '@analogkit/core';
import { WriteNoisePulsedDeviceParameters, writeNoiseFields } from './write-noise-device-parameters.js';

/**
 * aihwkit's `PiecewiseStepDevice`: the step is `dw_min`-relative, interpolated linearly between
 * the nodes of `piecewise_up` / `piecewise_down`, spread evenly over each device's
 * [min_bound, max_bound] (first and last node at the bounds).
 */
export class PiecewiseStepDevice extends WriteNoisePulsedDeviceParameters {
  static override readonly className: string = 'PiecewiseStepDevice';
  static override readonly fields = {
    ...pulsedDeviceFields,
    piecewise_up: numbers(),
    piecewise_down: numbers(),
    ...writeNoiseFields,
  };

  /** Relative up-step sizes at the nodes. */
  piecewise_up: number[] = [1];
  /** Relative down-step sizes at the nodes. */
  piecewise_down: number[] = [1];

  constructor(init?: ParameterInit<PiecewiseStepDevice>) {
    super();
    this.init(init);
  }

  protected override validateCrossFields(): void {
    const name = this.className;
    if (this.piecewise_up.length === 0 || this.piecewise_down.length === 0) {
      throw new ConfigError(`${name}: piecewise_up and piecewise_down need at least one value each.`, `${name}.piecewise_up`);
    }
    if (this.piecewise_up.length !== this.piecewise_down.length) {
      throw new ConfigError(
        `${name}: piecewise_up (${this.piecewise_up.length} values) and piecewise_down (${this.piecewise_down.length} values) must have the same length.`,
        `${name}.piecewise_down`,
      );
    }
  }
}
