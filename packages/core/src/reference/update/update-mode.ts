import type { DeviceModel } from '../../devices/device-model.js';
import { PulseType } from '../../parameters/enums.js';

export function updatesInFloatingPoint(model: DeviceModel): boolean {
  return model.floatingPointUpdate === true;
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
