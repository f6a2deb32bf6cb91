import {
  BoundManagementType,
  IOParameters,
  NoiseManagementType,
  PulseType,
  UpdateParameters,
  WeightNoiseType,
  type ParameterInit,
} from '@analogkit/core';
import { buildPreset } from './preset-init.js';

/*
 * aihwkit's periphery presets (simulator/presets/utils.py). `init` overrides fields.
 */

/**
 * The periphery of most presets: 7-bit DAC and 9-bit ADC (sign included) without stochastic
 * rounding, output bound 20 (for weights in -1..1), output noise 0.1 (about one ADC step), no
 * weight noise, ITERATIVE bound management and ABS_MAX noise management.
 */
export function PresetIOParameters(init?: ParameterInit<IOParameters>): IOParameters {
  return buildPreset(
    IOParameters,
    {
      bound_management: BoundManagementType.ITERATIVE,
      noise_management: NoiseManagementType.ABS_MAX,
      inp_res: 1 / (2 ** 7 - 2),
      inp_sto_round: false,
      out_bound: 20.0,
      out_noise: 0.1,
      out_res: 1 / (2 ** 9 - 2),
      w_noise: 0.0,
      w_noise_type: WeightNoiseType.NONE,
    },
    init,
  );
}

/** The update of most presets: stochastic compressed pulse trains of at most 31 pulses, with bit-line and update management. */
export function PresetUpdateParameters(init?: ParameterInit<UpdateParameters>): UpdateParameters {
  return buildPreset(
    UpdateParameters,
    {
      desired_bl: 31,
      pulse_type: PulseType.STOCHASTIC_COMPRESSED,
      update_bl_management: true,
      update_management: true,
    },
    init,
  );
}

/**
 * The periphery of StandardHWATrainingPreset's forward with bound and noise management on:
 * PresetIOParameters with an 8-bit DAC and ADC, output bound 10 and output noise 0.04 (no IR
 * drop, no weight noise).
 */
export function StandardIOParameters(init?: ParameterInit<IOParameters>): IOParameters {
  return PresetIOParameters({ inp_res: 1 / (2 ** 8 - 2), out_bound: 10.0, out_noise: 0.04, out_res: 1 / (2 ** 8 - 2), ...init });
}

/** The forward, backward and update of the training presets: PresetIOParameters twice and PresetUpdateParameters. */
export function presetPeriphery(): { forward: IOParameters; backward: IOParameters; update: UpdateParameters } {
  return { forward: PresetIOParameters(), backward: PresetIOParameters(), update: PresetUpdateParameters() };
}
