import type { DependencyContainer } from 'tsyringe';
import { ConstantStepDeviceModel } from './devices/models/constant-step-device-model.js';
import { FloatingPointDeviceModel } from './devices/models/floating-point-device-model.js';
import { IdealDeviceModel } from './devices/models/ideal-device-model.js';
import { registerReferenceBackend } from './reference/register-reference-backend.js';
import { DeviceModel } from './tokens.js';

/** Registers the device models core ships: ideal, constant-step and floating-point. */
export function registerCoreDevices(container: DependencyContainer): void {
  container.register(DeviceModel, { useValue: new IdealDeviceModel() });
  container.register(DeviceModel, { useValue: new ConstantStepDeviceModel() });
  container.register(DeviceModel, { useValue: new FloatingPointDeviceModel() });
}

/** Everything core provides: the reference backend with its kernels and the core device models. */
export function registerCore(container: DependencyContainer): void {
  registerReferenceBackend(container);
  registerCoreDevices(container);
}
