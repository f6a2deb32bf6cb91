import { nonNeg, type ParameterInit, PulsedDeviceParameters, pulsedDeviceFields } from '@analogkit/core';

/**
 * Parameters of the example's "bounded exponential" device. Besides every field of a pulsed device
 * (dw_min, bounds, device-to-device and cycle-to-cycle variation, lifetime, ...), it has a
 * steepness κ: the step shrinks exponentially as the weight moves towards the bound it is pushed
 * to. With `u = (w - min_bound) / (max_bound - min_bound)` a pulse moves the weight by
 * `dwmin_up·exp(-κ·u)` up or `dwmin_down·exp(-κ·(1 - u))` down, so the steps are equal at the
 * middle of the range (the symmetry point).
 *
 * Like every parameter class, it names its JSON class (`className`), lists its fields with their
 * checks (`fields`), declares the fields with their defaults and calls `this.init(init)` last.
 */
export class BoundedExponentialDevice extends PulsedDeviceParameters {
  static override readonly className: string = 'BoundedExponentialDevice';
  static override readonly fields = {
    ...pulsedDeviceFields,
    steepness: nonNeg(),
    steepness_dtod: nonNeg(),
  };

  /** κ: 0 gives constant steps; larger values shrink the steps faster towards the bounds. */
  steepness = 2.0;
  /** Device-to-device spread of κ (absolute): each device draws `max(κ + steepness_dtod·ξ, 0)` once. */
  steepness_dtod = 0.1;

  constructor(init?: ParameterInit<BoundedExponentialDevice>) {
    super();
    this.init(init);
  }
}
