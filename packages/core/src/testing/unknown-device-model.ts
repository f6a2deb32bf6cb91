import type { DeviceModel } from '../devices/device-model.js';
import { ConstantStepDevice } from '../parameters/pulsed-device-parameters.js';

/**
 * A device model that no native backend has a rule for, on ConstantStepDevice parameters: no
 * hidden parameters, no bounds, and each pulse moves w by `direction · 0.0005 · (1 + |w|)`.
 * Backends must hand its pulsed updates to the reference kernel.
 */
export function unknownDeviceModel(): DeviceModel<ConstantStepDevice> {
  return {
    kind: 'test-unknown-step',
    parameterClass: ConstantStepDevice,
    defaults: () => new ConstantStepDevice(),
    validate: (partial) => new ConstantStepDevice(partial),
    hiddenNames: () => [],
    sampleHidden: () => ({}),
    granularity: (params) => params.dw_min,
    applyBounds: () => {},
    createPulser: (_params, state) => ({
      pulse: (idx, direction) => {
        state.weights[idx] = state.weights[idx]! + direction * 0.0005 * (1 + Math.abs(state.weights[idx]!));
      },
    }),
  };
}
