import {
  ConstantStepDeviceModel,
  PulseType,
  updateModeFor,
  type BoundDevice,
  type ConstantStepDevice,
  type UpdateParameters,
} from '@analogkit/core';

/** How the gpu.js PulsedUpdate applies an update. */
export type GpuJsUpdatePlan = 'exact' | 'exact-bounded' | 'stochastic' | 'dense';

const STOCHASTIC_TYPES: readonly PulseType[] = [PulseType.STOCHASTIC_COMPRESSED, PulseType.STOCHASTIC];
const DENSE_TYPES: readonly PulseType[] = [PulseType.MEAN_COUNT, PulseType.DETERMINISTIC_IMPLICIT];

/**
 * Exact updates run natively for every device; pulsed updates and device bounds natively for
 * core's ConstantStep model, whose pulse rule the kernels implement. Null (the reference kernel
 * runs) for other device models (plugins with their own pulse rules, compounds, direct
 * updates) and for a granularity the reference rejects (it then raises the error).
 */
export function gpuJsUpdatePlan(update: UpdateParameters, device: BoundDevice): GpuJsUpdatePlan | null {
  const model = device.model;
  if (model.directUpdate) return null;
  const mode = updateModeFor(update.pulse_type, model);
  if (mode === 'exact') return 'exact';
  if (!(model instanceof ConstantStepDeviceModel)) return null;
  if (mode === 'exact-bounded') return 'exact-bounded';
  const granularity = model.granularity(device.params as ConstantStepDevice);
  if (!(granularity > 0) || !Number.isFinite(granularity)) return null;
  if (STOCHASTIC_TYPES.includes(update.pulse_type)) return 'stochastic';
  if (DENSE_TYPES.includes(update.pulse_type)) return 'dense';
  return null;
}
