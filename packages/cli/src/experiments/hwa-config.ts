import {
  GlobalDriftCompensation,
  InferenceRPUConfig,
  PCMLikeNoiseModel,
  WeightClipType,
  WeightModifierType,
  WeightNoiseType,
} from '@analogkit/core';
import { StandardHWATrainingPreset } from '@analogkit/devices';

/** The hardware-aware training configs `hwa-drift` offers. */
export const HWA_PRESETS = ['inference', 'standard-hwa'] as const;
export type HwaPreset = (typeof HWA_PRESETS)[number];

/**
 * `inference`: InferenceRPUConfig as in aihwkit's hardware-aware examples 05/06: no output
 * quantisation, constant additive weight noise of 0.02 in the forward, weights clipped at 1,
 * training against a modified copy (3% drop-connect plus Gaussian noise of 0.1 max|W|), the
 * PCM-like noise model at g_max 25 uS and global drift compensation.
 * `standard-hwa`: StandardHWATrainingPreset (Rasch et al. 2023).
 */
export function hwaRpuConfig(preset: HwaPreset): InferenceRPUConfig {
  if (preset === 'standard-hwa') return StandardHWATrainingPreset();
  const config = new InferenceRPUConfig();
  config.forward.out_res = -1;
  config.forward.w_noise_type = WeightNoiseType.ADDITIVE_CONSTANT;
  config.forward.w_noise = 0.02;
  config.clip.type = WeightClipType.FIXED_VALUE;
  config.clip.fixed_value = 1.0;
  config.modifier.pdrop = 0.03;
  config.modifier.type = WeightModifierType.ADD_NORMAL;
  config.modifier.std_dev = 0.1;
  config.modifier.rel_to_actual_wmax = true;
  config.noise_model = new PCMLikeNoiseModel({ g_max: 25.0 });
  config.drift_compensation = new GlobalDriftCompensation();
  return config;
}

/** The same config without drift compensation (alpha stays 1), for the uncompensated curve. */
export function withoutDriftCompensation(config: InferenceRPUConfig): InferenceRPUConfig {
  const copy = config.copy();
  copy.drift_compensation = null;
  return copy;
}
