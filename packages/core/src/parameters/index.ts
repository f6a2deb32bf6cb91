export * from './enums.js';
export * from './field-spec.js';
export {
  ParameterBase,
  checkField,
  type ParameterClass,
  type ParameterClassResolver,
  type ParameterInit,
  type ParameterJSON,
} from './parameter-base.js';
export { parameterFromJSON } from './parameter-json.js';
export { DriftParameter, SimpleDriftParameter } from './drift-parameter.js';
export { IOParameters } from './io-parameters.js';
export { UpdateParameters } from './update-parameters.js';
export { WeightClipParameter } from './weight-clip-parameter.js';
export { WeightModifierParameter } from './weight-modifier-parameter.js';
export { WeightRemapParameter } from './weight-remap-parameter.js';
export { MappingParameter } from './mapping-parameter.js';
export { InputRangeParameter } from './input-range-parameter.js';
export { PrePostProcessingParameter } from './pre-post-processing-parameter.js';
export { ConstantStepDevice, PulsedDeviceParameters, pulsedDeviceFields } from './pulsed-device-parameters.js';
export { IdealDevice } from './ideal-device.js';
export { FloatingPointDevice } from './floating-point-device.js';
export { UnitCell, unitCellFields } from './unit-cell.js';
export { VectorUnitCell } from './vector-unit-cell.js';
export { BaseNoiseModel } from './base-noise-model.js';
export { BaseConductanceConverter } from './base-conductance-converter.js';
export { SinglePairConductanceConverter } from './single-pair-conductance-converter.js';
export { withConverterGMax, checkConverterGMax } from './converter-g-max.js';
export { PCMLikeNoiseModel, withProgCoeffReference } from './pcm-like-noise-model.js';
export { BaseDriftCompensation } from './base-drift-compensation.js';
export { GlobalDriftCompensation } from './global-drift-compensation.js';
export { RPUConfigBase, rpuConfigBaseFields } from './rpu-config-base.js';
export { IOManagedRPUConfig, ioManagedFields } from './io-managed-rpu-config.js';
export { FloatingPointRPUConfig } from './floating-point-rpu-config.js';
export { SingleRPUConfig } from './single-rpu-config.js';
export { UnitCellRPUConfig } from './unit-cell-rpu-config.js';
export { InferenceRPUConfig } from './inference-rpu-config.js';
export { coreParameterClass, coreParameterClassNames } from './core-classes.js';
export { configFromJSON, type ConfigFromJSONOptions } from './config-from-json.js';
