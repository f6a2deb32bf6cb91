import 'reflect-metadata';

export * from './errors.js';
export { Tensor, type Shape } from './tensor/tensor.js';
export { XoshiroRandom } from './random/xoshiro-random.js';
export * from './parameters/index.js';

export { type TileState, type TileHandle, cloneTileState, emptyTileState, checkTileWeights, checkTileWrite } from './backends/tile-state.js';
export type { ComputeBackend, BackendFactory } from './backends/compute-backend.js';
export { PriorityBackendRegistry, splitDevice, type BackendFailure, type BackendRegistrationOptions } from './backends/backend-registry.js';
export { KERNEL_NAMES, type KernelName } from './kernels/kernel-names.js';
export type {
  KernelSignatures,
  KernelInputs,
  KernelAttrs,
  KernelOutput,
  KernelFunc,
  KernelConfig,
  ReferenceKernel,
  ReferenceInputs,
  MvmDirection,
} from './kernels/kernel-signatures.js';
export { KernelTable } from './kernels/kernel-registry.js';
export { runKernel, isHostStateBackend, type HostStateBackend } from './kernels/kernel-executor.js';
export type { Pulser, BoundDevice, UpdateContext } from './devices/device-model.js';
export { DeviceModelRegistry } from './devices/device-registry.js';
export * from './tokens.js';
export type { InferenceNoiseModel, ProgrammedState } from './inference/noise-model.js';
export type { InferenceDriftCompensation } from './inference/drift-compensation.js';
export { NoiseModelTable } from './inference/noise-model-registry.js';
export { DriftCompensationTable } from './inference/drift-compensation-registry.js';
export { InferenceModelError } from './inference/inference-model-error.js';

export { createRuntime, registerRuntimeServices, type Registrar, type RuntimeOptions } from './runtime/create-runtime.js';
export { RuntimeContainer } from './runtime/runtime-container.js';
export { getDefaultRuntime, setDefaultRuntime, setBackend, getBackend } from './runtime/default-runtime.js';
export { registerCore, registerCoreDevices } from './register-core.js';
export { ReferenceBackend } from './reference/reference-backend.js';
export { registerReferenceBackend, REFERENCE_BACKEND_PRIORITY } from './reference/register-reference-backend.js';
export { forwardMvmReference } from './reference/forward-mvm.js';
export { backwardMvmReference } from './reference/backward-mvm.js';
export { pulsedUpdateReference, pulseGranularity } from './reference/pulsed-update.js';
export { decayWeightsReference } from './reference/decay-weights.js';
export { diffuseWeightsReference } from './reference/diffuse-weights.js';
export { driftWeightsReference } from './reference/drift-weights.js';
export { resetColumnsReference } from './reference/reset-columns.js';
// Building blocks of the reference kernels, for native backends that must match them exactly.
export { resolveMvmSettings, isPerfectIO, type MvmSettings } from './reference/mvm/mvm-settings.js';
export { ensureMvmParameters, type MvmParameters } from './reference/mvm/draw-mvm-parameters.js';
export { noiseManagementScale, npSumScale, avgAbsMaxState, noiseManageBatch, type NoiseManagedBatch } from './reference/mvm/noise-management.js';
export { BoundManagementRounds } from './reference/mvm/bound-management.js';
export { mvmOutputFactor, applyMvmOutputFactors } from './reference/mvm/output-factor.js';
export { checkMvmInput } from './reference/mvm/run-mvm.js';
export { assertFinite } from './tiles/tile-io.js';
export { clipRule, cappedClipValue, type ClipRule } from './reference/clip-weights.js';
export { resolutionStep, roundHalfEven, quantize } from './reference/mvm/quantize.js';
export { sampleTrainScales, batchSampleTrainScales, type TrainScales } from './reference/update/update-management.js';
export { updateModeFor, type UpdateMode } from './reference/update/update-mode.js';
export { lineProbability, probabilityStep, lineMeanCount, lineImplicitProbability } from './reference/update/line-probability.js';

export { ConstantStepDeviceModel } from './devices/models/constant-step-device-model.js';
export { IdealDeviceModel } from './devices/models/ideal-device-model.js';
export { FloatingPointDeviceModel } from './devices/models/floating-point-device-model.js';
export { samplePulsedDevicePopulation, PULSED_DEVICE_HIDDEN_NAMES } from './devices/pulsed-device-population.js';
export { clipToPulsedDeviceBounds, hiddenArray, pulsedStepArrays, type PulsedStepArrays } from './devices/pulsed-device-population.js';
export { defaultDecay } from './devices/time-effects/decay.js';
export { defaultDiffuse } from './devices/time-effects/diffuse.js';
export { defaultDrift, advanceDriftClock, driftCoefficients, type DriftCoefficients } from './devices/time-effects/drift.js';
export { defaultResetColumns, resetColumnMask } from './devices/time-effects/reset-columns.js';

export { AnalogContext } from './context/analog-context.js';
export { AnalogContextDataViewMode } from './context/analog-context-data-view-mode.js';

export type { SimulatorTile, TileOptions, WeightsAndBias } from './tiles/tile-api.js';
export { BaseTile, type ForwardOptions } from './tiles/base-tile.js';
export { AnalogTile } from './tiles/analog-tile.js';
export { InferenceTile } from './tiles/inference-tile.js';
export { FloatingPointTile } from './tiles/floating-point-tile.js';
export { createTile, type RPUConfig, type Tile } from './tiles/create-tile.js';
export type { TileExtra } from './tiles/tile-extra.js';
