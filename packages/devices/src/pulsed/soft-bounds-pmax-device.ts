import { ConfigError, int, num, type ParameterInit, positive, pulsedDeviceFields } from '@analogkit/core';
import { SoftBoundsDevice, SoftBoundsParameters, softBoundsFields } from './soft-bounds-device.js';

/** The SoftBounds fields that SoftBoundsPmaxDevice derives from p_max, alpha and the range. */
export type SoftBoundsPmaxDerivedField = 'w_min' | 'w_max' | 'dw_min' | 'up_down';

const DERIVED: readonly SoftBoundsPmaxDerivedField[] = ['w_min', 'w_max', 'dw_min', 'up_down'];
const { w_min: _wMin, w_max: _wMax, dw_min: _dwMin, up_down: _upDown, ...settableFields } = pulsedDeviceFields;

/**
 * The SoftBounds parameters of a p_max / alpha / range description (aihwkit's reparameterisation):
 * `B = (range_max - range_min)/(1 - exp(-alpha·p_max))`, `w_min = range_min`, `w_max = range_min + B`,
 * `dw_min = B·alpha`, `up_down = 1 + 2·range_min/B`.
 */
export function softBoundsPmaxReparameterisation(p: {
  p_max: number;
  alpha: number;
  range_min: number;
  range_max: number;
}): Record<SoftBoundsPmaxDerivedField, number> {
  const b = (p.range_max - p.range_min) / (1 - Math.exp(-p.p_max * p.alpha));
  return { w_min: p.range_min, w_max: p.range_min + b, dw_min: b * p.alpha, up_down: 1 + (2 * p.range_min) / b };
}

/**
 * aihwkit's `SoftBoundsPmaxDevice`: a SoftBoundsDevice described by the pulse response
 * `w(p) = B(1 - exp(-alpha·p)) + range_min`, where p_max up pulses take the weight from range_min
 * to range_max. w_min, w_max, dw_min and up_down are derived (read-only; they are not fields).
 */
export class SoftBoundsPmaxDevice extends SoftBoundsParameters {
  static override readonly className: string = 'SoftBoundsPmaxDevice';
  static override readonly fields = {
    ...settableFields,
    ...softBoundsFields,
    p_max: int(1),
    alpha: positive(),
    range_min: num(),
    range_max: num(),
  };

  /** Number of up pulses from range_min to range_max. */
  p_max = 1000;
  /** Slope of the soft bounds, `dw ∝ alpha·w`. */
  alpha = 0.001 / 2;
  /** Weight at the start of the p_max up pulses. */
  range_min = -1.0;
  /** Weight after the p_max up pulses. */
  range_max = 1.0;

  constructor(init?: Omit<ParameterInit<SoftBoundsPmaxDevice>, SoftBoundsPmaxDerivedField>) {
    super();
    this.init(init);
  }

  protected override validateCrossFields(): void {
    super.validateCrossFields();
    const name = this.className;
    if (!(this.range_max > this.range_min)) {
      throw new ConfigError(`${name}: range_max (${this.range_max}) must be greater than range_min (${this.range_min}).`, `${name}.range_max`);
    }
    const derived = softBoundsPmaxReparameterisation(this);
    if (derived.w_min > 0 || derived.w_max < 0) {
      throw new ConfigError(
        `${name}: the derived bounds [${derived.w_min}, ${derived.w_max}] must contain 0; use range_min <= 0.`,
        `${name}.range_min`,
      );
    }
    for (const key of DERIVED) this[key] = derived[key];
  }

  /** The equivalent SoftBoundsDevice (what aihwkit hands to its simulator). */
  toSoftBounds(): SoftBoundsDevice {
    const init: Record<string, unknown> = {};
    for (const key of Object.keys(SoftBoundsDevice.fields)) init[key] = (this as unknown as Record<string, unknown>)[key];
    return new SoftBoundsDevice({ ...init, ...softBoundsPmaxReparameterisation(this) });
  }
}
