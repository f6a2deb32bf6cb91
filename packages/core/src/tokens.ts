import type { InjectionToken } from 'tsyringe';
import type { BackendRegistry as IBackendRegistry } from './backends/backend-registry.js';
import type { DeviceModel as IDeviceModel } from './devices/device-model.js';
import type { ParameterBase } from './parameters/parameter-base.js';
import type { DeviceRegistry as IDeviceRegistry } from './devices/device-registry.js';
import type { InferenceDriftCompensation } from './inference/drift-compensation.js';
import type { DriftCompensationRegistry as IDriftCompensationRegistry } from './inference/drift-compensation-registry.js';
import type { InferenceNoiseModel } from './inference/noise-model.js';
import type { NoiseModelRegistry as INoiseModelRegistry } from './inference/noise-model-registry.js';
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

export type DeviceModel<P extends ParameterBase = ParameterBase> = IDeviceModel<P>;
export const DeviceModel: InjectionToken<IDeviceModel> = Symbol('DeviceModel');

export type DeviceRegistry = IDeviceRegistry;
export const DeviceRegistry: InjectionToken<IDeviceRegistry> = Symbol('DeviceRegistry');

/** Inference noise model plugins (PCMLikeNoiseModel, ...), collected with `@injectAll`. */
export type NoiseModel = InferenceNoiseModel;
export const NoiseModel: InjectionToken<InferenceNoiseModel> = Symbol('NoiseModel');

export type NoiseModelRegistry = INoiseModelRegistry;
export const NoiseModelRegistry: InjectionToken<INoiseModelRegistry> = Symbol('NoiseModelRegistry');

/** Drift compensation plugins (GlobalDriftCompensation, ...), collected with `@injectAll`. */
export type DriftCompensation = InferenceDriftCompensation;
export const DriftCompensation: InjectionToken<InferenceDriftCompensation> = Symbol('DriftCompensation');

export type DriftCompensationRegistry = IDriftCompensationRegistry;
export const DriftCompensationRegistry: InjectionToken<IDriftCompensationRegistry> = Symbol('DriftCompensationRegistry');

export type RandomSource = IRandomSource;
export const RandomSource: InjectionToken<IRandomSource> = Symbol('RandomSource');

export type Runtime = IRuntime;
export const Runtime: InjectionToken<IRuntime> = Symbol('Runtime');
