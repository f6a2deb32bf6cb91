import type { DeviceModel } from '../../devices/device-model.js';
import { PulseType } from '../../parameters/enums.js';

/**
 * A device model whose updates are exact floating-point ones whatever the pulse type (aihwkit's
 * FloatingPoint device type, e.g. IdealDevice): the update kernel then does `W -= lr·d xᵀ`
 * without pulses, as aihwkit's `checkForFPUpdate` does.
 */
export interface FloatingPointUpdateModel {
  readonly floatingPointUpdate: true;
}

export function updatesInFloatingPoint(model: DeviceModel): boolean {
  return (model as DeviceModel & Partial<FloatingPointUpdateModel>).floatingPointUpdate === true;
}

/**
 * How the PulsedUpdate kernel applies a sample:
 * - `exact`: `W -= lr·d xᵀ`, no device, no clipping (NONE, or a floating-point device);
 * - `exact-bounded`: the exact update, then the device's bounds (NONE_WITH_DEVICE);
 * - `pulsed`: device pulses from the pulse type's bit-line maker.
 */
export type UpdateMode = 'exact' | 'exact-bounded' | 'pulsed';

export function updateModeFor(pulseType: PulseType, model: DeviceModel): UpdateMode {
  if (pulseType === PulseType.NONE_WITH_DEVICE) return 'exact-bounded';
  if (pulseType === PulseType.NONE || updatesInFloatingPoint(model)) return 'exact';
  return 'pulsed';
}
