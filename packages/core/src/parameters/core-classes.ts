import { DriftParameter, SimpleDriftParameter } from './drift-parameter.js';
import { FloatingPointDevice } from './floating-point-device.js';
import { FloatingPointRPUConfig } from './floating-point-rpu-config.js';
import { GlobalDriftCompensation } from './global-drift-compensation.js';
import { IdealDevice } from './ideal-device.js';
import { InferenceRPUConfig } from './inference-rpu-config.js';
import { InputRangeParameter } from './input-range-parameter.js';
import { IOParameters } from './io-parameters.js';
import { MappingParameter } from './mapping-parameter.js';
import type { ParameterClass } from './parameter-base.js';
import { PCMLikeNoiseModel } from './pcm-like-noise-model.js';
import { PrePostProcessingParameter } from './pre-post-processing-parameter.js';
import { SinglePairConductanceConverter } from './single-pair-conductance-converter.js';
import { ConstantStepDevice } from './pulsed-device-parameters.js';
import { SingleRPUConfig } from './single-rpu-config.js';
import { UnitCellRPUConfig } from './unit-cell-rpu-config.js';
import { UpdateParameters } from './update-parameters.js';
import { VectorUnitCell } from './vector-unit-cell.js';
import { WeightClipParameter } from './weight-clip-parameter.js';
import { WeightModifierParameter } from './weight-modifier-parameter.js';
import { WeightRemapParameter } from './weight-remap-parameter.js';

const CORE_CLASSES: readonly ParameterClass[] = [
  IOParameters,
  UpdateParameters,
  SimpleDriftParameter,
  DriftParameter,
  WeightClipParameter,
  WeightModifierParameter,
  WeightRemapParameter,
  MappingParameter,
  InputRangeParameter,
  PrePostProcessingParameter,
  ConstantStepDevice,
  IdealDevice,
  FloatingPointDevice,
  VectorUnitCell,
  SinglePairConductanceConverter,
  PCMLikeNoiseModel,
  GlobalDriftCompensation,
  FloatingPointRPUConfig,
  SingleRPUConfig,
  UnitCellRPUConfig,
  InferenceRPUConfig,
];

const BY_NAME: ReadonlyMap<string, ParameterClass> = new Map(CORE_CLASSES.map((c) => [c.className, c]));

/** The core parameter class named `className` (aihwkit's class name), or undefined. */
export function coreParameterClass(className: string): ParameterClass | undefined {
  return BY_NAME.get(className);
}

/** The aihwkit class names of all core parameter and config classes. */
export function coreParameterClassNames(): string[] {
  return [...BY_NAME.keys()];
}
