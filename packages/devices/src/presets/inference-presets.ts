import {
  BoundManagementType,
  GlobalDriftCompensation,
  InferenceRPUConfig,
  InputRangeParameter,
  IOParameters,
  MappingParameter,
  NoiseManagementType,
  PCMLikeNoiseModel,
  PrePostProcessingParameter,
  WeightClipParameter,
  WeightClipType,
  WeightNoiseType,
  WeightRemapParameter,
  WeightRemapType,
  type ParameterInit,
} from '@analogkit/core';
import { PresetIOParameters } from './preset-io.js';
import { buildPreset } from './preset-init.js';

type Init = ParameterInit<InferenceRPUConfig>;

/**
 * The standard setting for hardware-aware training and AIMC inference evaluation of Rasch et
 * al. (Nat. Commun. 2023): an 8-bit-like forward (254 DAC/ADC steps, output bound 10, output
 * noise 0.04) with PCM read noise and IR drop, constant noise management and no bound
 * management; column-wise weight scaling with learned column-wise output scales, tiles of at
 * most 512 inputs, channel-wise remapping, weights clipped at 1, a learned input range, and the
 * PCM noise model with global drift compensation for inference.
 */
export function StandardHWATrainingPreset(init?: Init): InferenceRPUConfig {
  return buildPreset(
    InferenceRPUConfig,
    {
      mapping: new MappingParameter({
        weight_scaling_omega: 1.0,
        weight_scaling_columnwise: true,
        max_input_size: 512,
        max_output_size: 0,
        digital_bias: true,
        learn_out_scaling: true,
        out_scaling_columnwise: true,
      }),
      // Resolutions above 1 are numbers of steps (1/254 of the range each).
      forward: PresetIOParameters({
        inp_res: 254.0,
        out_res: 254.0,
        bound_management: BoundManagementType.NONE,
        noise_management: NoiseManagementType.CONSTANT,
        nm_thres: 1.0,
        w_noise: 0.0175,
        w_noise_type: WeightNoiseType.PCM_READ,
        ir_drop: 1.0,
        out_noise: 0.04,
        out_bound: 10.0,
      }),
      remap: new WeightRemapParameter({ remapped_wmax: 1.0, type: WeightRemapType.CHANNELWISE_SYMMETRIC }),
      noise_model: new PCMLikeNoiseModel(),
      drift_compensation: new GlobalDriftCompensation(),
      pre_post: new PrePostProcessingParameter({
        input_range: new InputRangeParameter({
          enable: true,
          init_value: 3.0,
          init_from_data: 100,
          init_std_alpha: 3.0,
          decay: 0.001,
          input_min_percentage: 0.95,
          output_min_percentage: 0.95,
          manage_output_clipping: false,
          gradient_scale: 1.0,
          gradient_relative: true,
        }),
      }),
      clip: new WeightClipParameter({ type: WeightClipType.FIXED_VALUE, fixed_value: 1.0 }),
    },
    init,
  );
}

/**
 * A floating-point reference in an inference config: a perfect forward (no DAC/ADC, noise or
 * bounds) and layers never split over tiles. aihwkit builds it on its torch inference config;
 * its noise model and drift compensation only act when weights are programmed or drifted.
 */
export function FloatingPointPreset(init?: Init): InferenceRPUConfig {
  return buildPreset(
    InferenceRPUConfig,
    {
      forward: new IOParameters({ is_perfect: true }),
      mapping: new MappingParameter({ max_input_size: 0, max_output_size: 0 }),
    },
    init,
  );
}
