import type { DeviceModel } from '@analogkit/core';
import { ExpStepDeviceModel } from './exp-step-device-model.js';
import { LinearStepDeviceModel } from './linear-step-device-model.js';
import { PiecewiseStepDeviceModel } from './piecewise-step-device-model.js';
import { PowStepDeviceModel } from './pow-step-device-model.js';
import { PowStepReferenceDeviceModel } from './pow-step-reference-device-model.js';
import { SoftBoundsDeviceModel } from './soft-bounds-device-model.js';
import { SoftBoundsPmaxDeviceModel } from './soft-bounds-pmax-device-model.js';
import { SoftBoundsReferenceDeviceModel } from './soft-bounds-reference-device-model.js';

/** One instance of every pulsed device model of this package. */
export function pulsedDeviceModels(): DeviceModel[] {
  return [
    new LinearStepDeviceModel(),
    new SoftBoundsDeviceModel(),
    new SoftBoundsPmaxDeviceModel(),
    new SoftBoundsReferenceDeviceModel(),
    new ExpStepDeviceModel(),
    new PowStepDeviceModel(),
    new PowStepReferenceDeviceModel(),
    new PiecewiseStepDeviceModel(),
  ];
}
