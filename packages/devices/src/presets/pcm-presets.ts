import { UnitCellRPUConfig, type ParameterInit } from '@analogkit/core';
import { OneSidedUnitCell } from '../compounds/index.js';
import { PCMPresetDevice } from './preset-devices.js';
import { PresetIOParameters, presetPeriphery, PresetUpdateParameters } from './preset-io.js';
import { buildPreset } from './preset-init.js';

/**
 * Two uni-directional PCMPresetDevices of opposite sign per cross-point, checked for refresh
 * after every mini-batch (aihwkit's `PCMPresetUnitCell`).
 */
export function PCMPresetUnitCell(init?: ParameterInit<OneSidedUnitCell>): OneSidedUnitCell {
  return buildPreset(
    OneSidedUnitCell,
    {
      unit_cell_devices: [PCMPresetDevice(), PCMPresetDevice()],
      refresh_every: 1,
      units_in_mbatch: true,
      refresh_forward: PresetIOParameters(),
      refresh_update: PresetUpdateParameters({ desired_bl: 31 }),
    },
    init,
  );
}

/** SGD on a PCMPresetUnitCell per cross-point, with the preset periphery. */
export function PCMPreset(init?: ParameterInit<UnitCellRPUConfig>): UnitCellRPUConfig {
  return buildPreset(UnitCellRPUConfig, { device: PCMPresetUnitCell(), ...presetPeriphery() }, init);
}
