import type { BaseDriftCompensation } from './base-drift-compensation.js';
import type { BaseNoiseModel } from './base-noise-model.js';
import { PulseType } from './enums.js';
import { nested } from './field-spec.js';
import { GlobalDriftCompensation } from './global-drift-compensation.js';
import { IdealDevice } from './ideal-device.js';
import { IOManagedRPUConfig, ioManagedFields } from './io-managed-rpu-config.js';
import { IOParameters } from './io-parameters.js';
import type { ParameterInit } from './parameter-base.js';
import { PCMLikeNoiseModel } from './pcm-like-noise-model.js';
import { UpdateParameters } from './update-parameters.js';
import { WeightClipParameter } from './weight-clip-parameter.js';
import { WeightModifierParameter } from './weight-modifier-parameter.js';
import { WeightRemapParameter } from './weight-remap-parameter.js';

/**
 * Config of an inference tile (aihwkit's `InferenceRPUConfig`): hardware-aware training with a
 * non-ideal forward only (backward perfect, floating-point update), and a noise model plus drift
 * compensation for inference.
 */
export class InferenceRPUConfig extends IOManagedRPUConfig {
  static override readonly className: string = 'InferenceRPUConfig';
  static override readonly fields = {
    ...ioManagedFields,
    noise_model: nested('PCMLikeNoiseModel', { polymorphic: true }),
    drift_compensation: nested('GlobalDriftCompensation', { polymorphic: true, nullable: true }),
    clip: nested('WeightClipParameter'),
    remap: nested('WeightRemapParameter'),
    modifier: nested('WeightModifierParameter'),
    device: nested('IdealDevice'),
  };

  override backward: IOParameters = new IOParameters({ is_perfect: true });
  override update: UpdateParameters = new UpdateParameters({ pulse_type: PulseType.NONE });
  noise_model: BaseNoiseModel = new PCMLikeNoiseModel();
  /** `null` switches drift compensation off. */
  drift_compensation: BaseDriftCompensation | null = new GlobalDriftCompensation();
  clip: WeightClipParameter = new WeightClipParameter();
  remap: WeightRemapParameter = new WeightRemapParameter();
  modifier: WeightModifierParameter = new WeightModifierParameter();
  device: IdealDevice = new IdealDevice();

  constructor(init?: ParameterInit<InferenceRPUConfig>) {
    super();
    this.init(init);
  }
}
