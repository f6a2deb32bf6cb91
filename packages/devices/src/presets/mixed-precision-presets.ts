import { UnitCellRPUConfig, type ParameterBase, type ParameterInit } from '@analogkit/core';
import { MixedPrecisionCompound } from '../compounds/index.js';
import { PCMPresetUnitCell } from './pcm-presets.js';
import * as devices from './preset-devices.js';
import { presetPeriphery } from './preset-io.js';
import { buildPreset } from './preset-init.js';

type Init = ParameterInit<UnitCellRPUConfig>;

/**
 * Mixed-precision training (digital rank-update accumulation, transferred to `device` in pulses)
 * with the preset periphery. aihwkit holds it in a DigitalRankUpdateRPUConfig; here the
 * UnitCellRPUConfig carries it, whose device field takes any compound at run time.
 */
function mixedPrecisionPreset(device: ParameterBase, init?: Init): UnitCellRPUConfig {
  const compound = new MixedPrecisionCompound({ device });
  return buildPreset(UnitCellRPUConfig, { device: compound, ...presetPeriphery() }, init);
}

/** Mixed precision onto a ReRamESPresetDevice. */
export const MixedPrecisionReRamESPreset = (init?: Init): UnitCellRPUConfig => mixedPrecisionPreset(devices.ReRamESPresetDevice(), init);
/** Mixed precision onto a ReRamSBPresetDevice. */
export const MixedPrecisionReRamSBPreset = (init?: Init): UnitCellRPUConfig => mixedPrecisionPreset(devices.ReRamSBPresetDevice(), init);
/** Mixed precision onto a CapacitorPresetDevice. */
export const MixedPrecisionCapacitorPreset = (init?: Init): UnitCellRPUConfig => mixedPrecisionPreset(devices.CapacitorPresetDevice(), init);
/** Mixed precision onto an EcRamPresetDevice. */
export const MixedPrecisionEcRamPreset = (init?: Init): UnitCellRPUConfig => mixedPrecisionPreset(devices.EcRamPresetDevice(), init);
/** Mixed precision onto an EcRamMOPresetDevice. */
export const MixedPrecisionEcRamMOPreset = (init?: Init): UnitCellRPUConfig => mixedPrecisionPreset(devices.EcRamMOPresetDevice(), init);
/** Mixed precision onto an IdealizedPresetDevice. */
export const MixedPrecisionIdealizedPreset = (init?: Init): UnitCellRPUConfig => mixedPrecisionPreset(devices.IdealizedPresetDevice(), init);
/** Mixed precision onto a GokmenVlasovPresetDevice. */
export const MixedPrecisionGokmenVlasovPreset = (init?: Init): UnitCellRPUConfig => mixedPrecisionPreset(devices.GokmenVlasovPresetDevice(), init);
/** Mixed precision onto a PCMPresetUnitCell (a refreshed PCM pair). */
export const MixedPrecisionPCMPreset = (init?: Init): UnitCellRPUConfig => mixedPrecisionPreset(PCMPresetUnitCell(), init);
