import type { InjectionToken } from 'tsyringe';
import type { BackendRegistry as IBackendRegistry } from './backends/backend-registry.js';
import type { DeviceModel as IDeviceModel } from './devices/device-model.js';
import type { DeviceRegistry as IDeviceRegistry } from './devices/device-registry.js';
import type { KernelRegistry as IKernelRegistry } from './kernels/kernel-registry.js';
import type { RandomSource as IRandomSource } from './random/random-source.js';
import type { Runtime as IRuntime } from './runtime/runtime.js';

/*
 * DI tokens. Each token shares its interface's name, so `@inject(KernelRegistry) kernels:
 * KernelRegistry` reads as one thing.
 */

export type BackendRegistry = IBackendRegistry;
export const BackendRegistry: InjectionToken<IBackendRegistry> = Symbol('BackendRegistry');

export type KernelRegistry = IKernelRegistry;
export const KernelRegistry: InjectionToken<IKernelRegistry> = Symbol('KernelRegistry');

export type DeviceModel = IDeviceModel;
export const DeviceModel: InjectionToken<IDeviceModel> = Symbol('DeviceModel');

export type DeviceRegistry = IDeviceRegistry;
export const DeviceRegistry: InjectionToken<IDeviceRegistry> = Symbol('DeviceRegistry');

export type RandomSource = IRandomSource;
export const RandomSource: InjectionToken<IRandomSource> = Symbol('RandomSource');

export type Runtime = IRuntime;
export const Runtime: InjectionToken<IRuntime> = Symbol('Runtime');
