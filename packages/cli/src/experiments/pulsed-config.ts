import { ConstantStepDevice, SingleRPUConfig, UnitCellRPUConfig, type PulsedDeviceParameters, type RPUConfig } from '@analogkit/core';
import {
  EcRamPreset,
  IdealizedPreset,
  MixedPrecisionCompound,
  MixedPrecisionEcRamPreset,
  MixedPrecisionIdealizedPreset,
  MixedPrecisionPCMPreset,
  MixedPrecisionReRamESPreset,
  MixedPrecisionReRamSBPreset,
  PCMPreset,
  ReRamESPreset,
  ReRamSBPreset,
  SoftBoundsDevice,
  TikiTakaEcRamPreset,
  TikiTakaIdealizedPreset,
  TikiTakaReRamESPreset,
  TikiTakaReRamSBPreset,
  TransferCompound,
} from '@analogkit/devices';
import { CliError } from '../cli-error.js';

export const TRAIN_DEVICES = ['constant-step', 'soft-bounds', 'reram-es', 'reram-sb', 'ecram', 'pcm', 'idealized'] as const;
export type TrainDevice = (typeof TRAIN_DEVICES)[number];
export const TRAIN_COMPOUNDS = ['none', 'tiki-taka', 'mixed-precision'] as const;
export type TrainCompound = (typeof TRAIN_COMPOUNDS)[number];

type ConfigFactory = () => RPUConfig;

/** A device with aihwkit's defaults and the default periphery, plain or inside a compound. */
function fromDevice(device: () => PulsedDeviceParameters): Record<TrainCompound, ConfigFactory> {
  return {
    none: () => new SingleRPUConfig({ device: device() }),
    'tiki-taka': () => new UnitCellRPUConfig({ device: new TransferCompound({ unit_cell_devices: [device(), device()] }) }),
    'mixed-precision': () => new UnitCellRPUConfig({ device: new MixedPrecisionCompound({ device: device() }) }),
  };
}

/**
 * The config of each device and compound: constant-step and soft-bounds are aihwkit's device
 * classes with their defaults; the others are aihwkit's presets (device, periphery and update
 * tuned together). PCM has no Tiki-Taka preset: its unit cell is a one-sided pair that refreshes itself.
 */
const CONFIGS: Record<TrainDevice, Partial<Record<TrainCompound, ConfigFactory>>> = {
  'constant-step': fromDevice(() => new ConstantStepDevice()),
  'soft-bounds': fromDevice(() => new SoftBoundsDevice()),
  'reram-es': { none: ReRamESPreset, 'tiki-taka': TikiTakaReRamESPreset, 'mixed-precision': MixedPrecisionReRamESPreset },
  'reram-sb': { none: ReRamSBPreset, 'tiki-taka': TikiTakaReRamSBPreset, 'mixed-precision': MixedPrecisionReRamSBPreset },
  ecram: { none: EcRamPreset, 'tiki-taka': TikiTakaEcRamPreset, 'mixed-precision': MixedPrecisionEcRamPreset },
  pcm: { none: PCMPreset, 'mixed-precision': MixedPrecisionPCMPreset },
  idealized: { none: IdealizedPreset, 'tiki-taka': TikiTakaIdealizedPreset, 'mixed-precision': MixedPrecisionIdealizedPreset },
};

/** The RPU config for pulsed training with `device` and the learning rule `compound`. */
export function pulsedRpuConfig(device: TrainDevice, compound: TrainCompound): RPUConfig {
  const factory = CONFIGS[device][compound];
  if (!factory) {
    const offered = TRAIN_COMPOUNDS.filter((c) => CONFIGS[device][c]);
    throw new CliError(`--device ${device} cannot be combined with --compound ${compound}; use --compound ${offered.join(' or ')}.`);
  }
  return factory();
}
