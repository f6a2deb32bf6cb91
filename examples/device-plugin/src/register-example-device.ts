import { DeviceModel, type Registrar } from '@analogkit/core';
import { BoundedExponentialDeviceModel } from './bounded-exponential-device-model.js';

/**
 * Registers the example's device model in a runtime's container, under core's `DeviceModel`
 * token: `createRuntime({ register: [registerCore, registerExampleDevice] })`.
 */
export function registerExampleDevice(container: Parameters<Registrar>[0]): void {
  container.register(DeviceModel, { useValue: new BoundedExponentialDeviceModel() });
}
