import { SingleRPUConfig, type ParameterInit, type PulsedDeviceParameters } from '@analogkit/core';
import * as devices from './preset-devices.js';
import { presetPeriphery } from './preset-io.js';
import { buildPreset } from './preset-init.js';

type Init = ParameterInit<SingleRPUConfig>;

/** SGD with a fully parallel stochastic-pulse update on one device per cross-point, with the preset periphery. */
function singleDevicePreset(device: PulsedDeviceParameters, init?: Init): SingleRPUConfig {
  return buildPreset(SingleRPUConfig, { device, ...presetPeriphery() }, init);
}

/** One ReRamESPresetDevice per cross-point. */
export const ReRamESPreset = (init?: Init): SingleRPUConfig => singleDevicePreset(devices.ReRamESPresetDevice(), init);
/** One ReRamSBPresetDevice per cross-point. */
export const ReRamSBPreset = (init?: Init): SingleRPUConfig => singleDevicePreset(devices.ReRamSBPresetDevice(), init);
/** One CapacitorPresetDevice per cross-point. */
export const CapacitorPreset = (init?: Init): SingleRPUConfig => singleDevicePreset(devices.CapacitorPresetDevice(), init);
/** One EcRamPresetDevice per cross-point. */
export const EcRamPreset = (init?: Init): SingleRPUConfig => singleDevicePreset(devices.EcRamPresetDevice(), init);
/** One EcRamMOPresetDevice per cross-point. */
export const EcRamMOPreset = (init?: Init): SingleRPUConfig => singleDevicePreset(devices.EcRamMOPresetDevice(), init);
/** One IdealizedPresetDevice per cross-point. */
export const IdealizedPreset = (init?: Init): SingleRPUConfig => singleDevicePreset(devices.IdealizedPresetDevice(), init);
/** One GokmenVlasovPresetDevice per cross-point. */
export const GokmenVlasovPreset = (init?: Init): SingleRPUConfig => singleDevicePreset(devices.GokmenVlasovPresetDevice(), init);
