import { DeviceModel, type Registrar } from '@analogkit/core';
import { pulsedDeviceModels } from './pulsed-device-models.js';

/** Registers every pulsed device model of this package under core's `DeviceModel` token. */
export function registerPulsedDevices(container: Parameters<Registrar>[0]): void {
  for (const model of pulsedDeviceModels()) container.register(DeviceModel, { useValue: model });
}
