import {
  UnitCellRPUConfig,
  VectorUnitCell,
  VectorUnitCellUpdatePolicy,
  type ParameterInit,
  type PulsedDeviceParameters,
} from '@analogkit/core';
import * as devices from './preset-devices.js';
import { presetPeriphery } from './preset-io.js';
import { buildPreset } from './preset-init.js';

type Init = ParameterInit<UnitCellRPUConfig>;

/** `count` devices per cross-point, each update going to one of them chosen at random (SINGLE_RANDOM), with the preset periphery. */
function vectorPreset(device: () => PulsedDeviceParameters, count: number, init?: Init): UnitCellRPUConfig {
  const cell = new VectorUnitCell({
    unit_cell_devices: Array.from({ length: count }, () => device()),
    update_policy: VectorUnitCellUpdatePolicy.SINGLE_RANDOM,
  });
  return buildPreset(UnitCellRPUConfig, { device: cell, ...presetPeriphery() }, init);
}

/** Two ReRamESPresetDevices per cross-point, updated one at a time at random. */
export const ReRamES2Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.ReRamESPresetDevice, 2, init);
/** Two ReRamSBPresetDevices per cross-point, updated one at a time at random. */
export const ReRamSB2Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.ReRamSBPresetDevice, 2, init);
/** Two CapacitorPresetDevices per cross-point, updated one at a time at random. */
export const Capacitor2Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.CapacitorPresetDevice, 2, init);
/** Two EcRamPresetDevices per cross-point, updated one at a time at random. */
export const EcRam2Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.EcRamPresetDevice, 2, init);
/** Two EcRamMOPresetDevices per cross-point, updated one at a time at random. */
export const EcRamMO2Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.EcRamMOPresetDevice, 2, init);
/** Two IdealizedPresetDevices per cross-point, updated one at a time at random. */
export const Idealized2Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.IdealizedPresetDevice, 2, init);

/** Four ReRamESPresetDevices per cross-point, updated one at a time at random. */
export const ReRamES4Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.ReRamESPresetDevice, 4, init);
/** Four ReRamSBPresetDevices per cross-point, updated one at a time at random. */
export const ReRamSB4Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.ReRamSBPresetDevice, 4, init);
/** Four CapacitorPresetDevices per cross-point, updated one at a time at random. */
export const Capacitor4Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.CapacitorPresetDevice, 4, init);
/** Four EcRamPresetDevices per cross-point, updated one at a time at random. */
export const EcRam4Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.EcRamPresetDevice, 4, init);
/** Four EcRamMOPresetDevices per cross-point, updated one at a time at random. */
export const EcRamMO4Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.EcRamMOPresetDevice, 4, init);
/** Four IdealizedPresetDevices per cross-point, updated one at a time at random. */
export const Idealized4Preset = (init?: Init): UnitCellRPUConfig => vectorPreset(devices.IdealizedPresetDevice, 4, init);
