import { ConstantStepDevice, type ParameterInit } from '@analogkit/core';
import { ExpStepDevice, LinearStepDevice, SoftBoundsReferenceDevice } from '../pulsed/index.js';
import { buildPreset } from './preset-init.js';

/*
 * aihwkit's device presets (simulator/presets/devices.py): fitted parameters of published
 * devices, as factories of the device model's parameter class. `init` overrides fields, as the
 * keyword arguments of aihwkit's preset dataclasses do.
 */

/** ReRAM fitted with the exponential step model (Gong et al., Nat. Commun. 2018). */
export function ReRamESPresetDevice(init?: ParameterInit<ExpStepDevice>): ExpStepDevice {
  return buildPreset(
    ExpStepDevice,
    {
      dw_min: 0.00135,
      up_down: 0.259359,
      w_max: 1.0,
      w_min: -1.0,
      a: -0.5,
      b: -0.5,
      gamma_up: 5.0,
      gamma_down: 5.0,
      A_up: -1.18445,
      A_down: -0.081404,
      dw_min_dtod: 0.2,
      up_down_dtod: 0.05,
      w_max_dtod: 0.3,
      w_min_dtod: 0.3,
      dw_min_std: 5.0,
      write_noise_std: 75.0,
    },
    init,
  );
}

/** ReRAM loosely fitted with soft bounds, assumed calibrated to its symmetry point (Gong et al. 2018). */
export function ReRamSBPresetDevice(init?: ParameterInit<SoftBoundsReferenceDevice>): SoftBoundsReferenceDevice {
  return buildPreset(
    SoftBoundsReferenceDevice,
    {
      dw_min: 0.002,
      up_down: 0.0,
      w_max: 1.25,
      w_min: -0.75,
      mult_noise: false,
      dw_min_dtod: 0.3,
      up_down_dtod: 0.01,
      w_max_dtod: 0.3 / 1.25,
      w_min_dtod: 0.3 / 0.75,
      dw_min_std: 3.75,
      write_noise_std: 56.0,
    },
    init,
  );
}

/** Capacitor fitted with the linear step model, with leakage (Li et al., VLSI 2018); lifetime in mini-batches. */
export function CapacitorPresetDevice(init?: ParameterInit<LinearStepDevice>): LinearStepDevice {
  return buildPreset(
    LinearStepDevice,
    {
      dw_min: 0.005,
      up_down: 0.0,
      w_max: 1.0,
      w_min: -1.0,
      mult_noise: false,
      gamma_up: 0.05,
      gamma_down: 0.05,
      dw_min_dtod: 0.1,
      up_down_dtod: 0.06,
      w_max_dtod: 0.07,
      w_min_dtod: 0.07,
      gamma_up_dtod: 0.01,
      gamma_down_dtod: 0.01,
      dw_min_std: 0.3,
      write_noise_std: 0.0,
      mean_bound_reference: true,
      lifetime: 1.0e6,
      lifetime_dtod: 0.3,
    },
    init,
  );
}

/** Lithium-based ECRAM fitted with the linear step model, range shifted to a symmetry point at 0 (Tang et al., IEDM 2018). */
export function EcRamPresetDevice(init?: ParameterInit<LinearStepDevice>): LinearStepDevice {
  return buildPreset(
    LinearStepDevice,
    {
      dw_min: 0.002,
      up_down: 0.0,
      w_max: 1.1724,
      w_min: -0.8276,
      mult_noise: true,
      gamma_up: 0.1153,
      gamma_down: 0.5085,
      dw_min_dtod: 0.1,
      up_down_dtod: 0.01,
      w_max_dtod: 0.05,
      w_min_dtod: 0.05,
      gamma_up_dtod: 0.05,
      gamma_down_dtod: 0.05,
      dw_min_std: 0.3,
      write_noise_std: 0.0,
      mean_bound_reference: true,
    },
    init,
  );
}

/** Metal-oxide ECRAM fitted with the linear step model (Kim et al., IEDM 2019). */
export function EcRamMOPresetDevice(init?: ParameterInit<LinearStepDevice>): LinearStepDevice {
  return buildPreset(
    LinearStepDevice,
    {
      dw_min: 2.8214e-4,
      up_down: 0.0,
      w_max: 1.1714,
      w_min: -0.8286,
      mult_noise: true,
      gamma_up: 0.4152,
      gamma_down: 0.7342,
      dw_min_dtod: 0.1,
      up_down_dtod: 0.01,
      w_max_dtod: 0.05,
      w_min_dtod: 0.05,
      gamma_up_dtod: 0.05,
      gamma_down_dtod: 0.05,
      dw_min_std: 2.0,
      write_noise_std: 0.0,
      mean_bound_reference: true,
    },
    init,
  );
}

/** A (on average) symmetric constant-step device with about 10000 states (Rasch, Gokmen & Haensch 2019). */
export function IdealizedPresetDevice(init?: ParameterInit<ConstantStepDevice>): ConstantStepDevice {
  return buildPreset(
    ConstantStepDevice,
    {
      dw_min: 0.0002,
      dw_min_dtod: 0.3,
      dw_min_std: 0.3,
      up_down: 0.0,
      up_down_dtod: 0.0,
      w_max: 1.0,
      w_min: -1.0,
      w_max_dtod: 0.3,
      w_min_dtod: 0.3,
    },
    init,
  );
}

/** The constant-step device of Gokmen & Vlasov (Front. Neurosci. 2016), scaled to the range -1..1 (about 1200 states). */
export function GokmenVlasovPresetDevice(init?: ParameterInit<ConstantStepDevice>): ConstantStepDevice {
  return buildPreset(
    ConstantStepDevice,
    {
      dw_min: 0.0016,
      dw_min_dtod: 0.3,
      dw_min_std: 0.3,
      up_down: 0.0,
      up_down_dtod: 0.01,
      w_max: 1.0,
      w_min: -1.0,
      w_max_dtod: 0.3,
      w_min_dtod: 0.3,
    },
    init,
  );
}

/**
 * A uni-directional Ge2Sb2Te5 PCM device with the exponential step model and weight-dependent
 * step noise (Nandakumar et al., Front. Neurosci. 2020). Usable only as a pair with refresh
 * (`PCMPresetUnitCell`); resets carry device-to-device variation.
 */
export function PCMPresetDevice(init?: ParameterInit<ExpStepDevice>): ExpStepDevice {
  return buildPreset(
    ExpStepDevice,
    {
      dw_min: 0.01,
      up_down: 0.0,
      w_max: 2.0,
      w_min: 0.0,
      a: -1.0,
      b: 0.0,
      gamma_up: 2.5,
      gamma_down: 2.5,
      A_up: -27.235,
      A_down: -2.235,
      dw_min_dtod: 0.2,
      up_down_dtod: 0.05,
      w_max_dtod: 0.1,
      w_min_dtod: 0.0,
      dw_min_std: 0.6,
      dw_min_std_add: 0.042,
      dw_min_std_slope: 0.108,
      write_noise_std: 0.0,
      reset: 0.01,
      reset_dtod: 0.02,
    },
    init,
  );
}

/**
 * ReRAM array "Optimized Material" of Gong & Rasch et al. (IEDM 2022), compliance-adjusted range,
 * symmetry point subtracted with a 5 % reference error; corrupt devices off by default (13.5 % measured).
 */
export function ReRamArrayOMPresetDevice(init?: ParameterInit<SoftBoundsReferenceDevice>): SoftBoundsReferenceDevice {
  return buildPreset(
    SoftBoundsReferenceDevice,
    {
      enforce_consistency: true,
      dw_min_dtod_log_normal: true,
      dw_min: 0.0949,
      up_down: 0.0,
      w_max: 1.0,
      w_min: -1.0,
      mult_noise: false,
      dw_min_dtod: 0.7829,
      up_down_dtod: 0.01,
      w_max_dtod: 0.3499,
      w_min_dtod: 0.5695,
      dw_min_std: 0.4158,
      write_noise_std: 1.4113,
      corrupt_devices_range: 0.01,
      corrupt_devices_prob: 0.0,
      subtract_symmetry_point: true,
      reference_std: 0.05,
    },
    init,
  );
}

/**
 * ReRAM array "Baseline HfO2" of Gong & Rasch et al. (IEDM 2022), compliance-adjusted range,
 * symmetry point subtracted with a 5 % reference error; corrupt devices off by default (about 10 % measured).
 */
export function ReRamArrayHfO2PresetDevice(init?: ParameterInit<SoftBoundsReferenceDevice>): SoftBoundsReferenceDevice {
  return buildPreset(
    SoftBoundsReferenceDevice,
    {
      enforce_consistency: true,
      dw_min_dtod_log_normal: true,
      dw_min: 0.4622,
      up_down: 0.0,
      w_max: 1.0,
      w_min: -1.0,
      mult_noise: false,
      dw_min_dtod: 0.7125,
      up_down_dtod: 0.01,
      w_max_dtod: 0.4295,
      w_min_dtod: 0.599,
      dw_min_std: 0.2174,
      write_noise_std: 0.5841,
      corrupt_devices_range: 0.01,
      corrupt_devices_prob: 0.0,
      subtract_symmetry_point: true,
      reference_std: 0.05,
    },
    init,
  );
}
