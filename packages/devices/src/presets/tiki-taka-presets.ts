import { BoundManagementType, NoiseManagementType, UnitCellRPUConfig, type ParameterInit, type PulsedDeviceParameters } from '@analogkit/core';
import { TransferCompound } from '../compounds/index.js';
import * as devices from './preset-devices.js';
import { PresetIOParameters, presetPeriphery, PresetUpdateParameters } from './preset-io.js';
import { buildPreset } from './preset-init.js';

type Init = ParameterInit<UnitCellRPUConfig>;

/**
 * Tiki-Taka on two devices of the kind `device` makes: the transfer reads with the preset
 * periphery but without noise and bound management, and writes with the preset update; transfer
 * periods count mini-batches.
 */
function tikiTakaPreset(device: () => PulsedDeviceParameters, init?: Init): UnitCellRPUConfig {
  const compound = new TransferCompound({
    unit_cell_devices: [device(), device()],
    transfer_forward: PresetIOParameters({ noise_management: NoiseManagementType.NONE, bound_management: BoundManagementType.NONE }),
    transfer_update: PresetUpdateParameters(),
    transfer_every: 1.0,
    units_in_mbatch: true,
  });
  return buildPreset(UnitCellRPUConfig, { device: compound, ...presetPeriphery() }, init);
}

/** Tiki-Taka with ReRamESPresetDevices. */
export const TikiTakaReRamESPreset = (init?: Init): UnitCellRPUConfig => tikiTakaPreset(devices.ReRamESPresetDevice, init);
/** Tiki-Taka with ReRamSBPresetDevices, each with its symmetry point subtracted. */
export const TikiTakaReRamSBPreset = (init?: Init): UnitCellRPUConfig =>
  tikiTakaPreset(() => devices.ReRamSBPresetDevice({ subtract_symmetry_point: true }), init);
/** Tiki-Taka with CapacitorPresetDevices. */
export const TikiTakaCapacitorPreset = (init?: Init): UnitCellRPUConfig => tikiTakaPreset(devices.CapacitorPresetDevice, init);
/** Tiki-Taka with EcRamPresetDevices. */
export const TikiTakaEcRamPreset = (init?: Init): UnitCellRPUConfig => tikiTakaPreset(devices.EcRamPresetDevice, init);
/** Tiki-Taka with EcRamMOPresetDevices. */
export const TikiTakaEcRamMOPreset = (init?: Init): UnitCellRPUConfig => tikiTakaPreset(devices.EcRamMOPresetDevice, init);
/** Tiki-Taka with IdealizedPresetDevices. */
export const TikiTakaIdealizedPreset = (init?: Init): UnitCellRPUConfig => tikiTakaPreset(devices.IdealizedPresetDevice, init);
