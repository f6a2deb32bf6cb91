export { PresetIOParameters, PresetUpdateParameters, StandardIOParameters } from './preset-io.js';
export {
  ReRamESPresetDevice,
  ReRamSBPresetDevice,
  CapacitorPresetDevice,
  EcRamPresetDevice,
  EcRamMOPresetDevice,
  IdealizedPresetDevice,
  GokmenVlasovPresetDevice,
  PCMPresetDevice,
  ReRamArrayOMPresetDevice,
  ReRamArrayHfO2PresetDevice,
} from './preset-devices.js';
export { PCMPresetUnitCell, PCMPreset } from './pcm-presets.js';
export {
  ReRamESPreset,
  ReRamSBPreset,
  CapacitorPreset,
  EcRamPreset,
  EcRamMOPreset,
  IdealizedPreset,
  GokmenVlasovPreset,
} from './single-device-presets.js';
export {
  ReRamES2Preset,
  ReRamSB2Preset,
  Capacitor2Preset,
  EcRam2Preset,
  EcRamMO2Preset,
  Idealized2Preset,
  ReRamES4Preset,
  ReRamSB4Preset,
  Capacitor4Preset,
  EcRam4Preset,
  EcRamMO4Preset,
  Idealized4Preset,
} from './vector-unit-cell-presets.js';
export {
  TikiTakaReRamESPreset,
  TikiTakaReRamSBPreset,
  TikiTakaCapacitorPreset,
  TikiTakaEcRamPreset,
  TikiTakaEcRamMOPreset,
  TikiTakaIdealizedPreset,
} from './tiki-taka-presets.js';
export {
  MixedPrecisionReRamESPreset,
  MixedPrecisionReRamSBPreset,
  MixedPrecisionCapacitorPreset,
  MixedPrecisionEcRamPreset,
  MixedPrecisionEcRamMOPreset,
  MixedPrecisionIdealizedPreset,
  MixedPrecisionGokmenVlasovPreset,
  MixedPrecisionPCMPreset,
} from './mixed-precision-presets.js';
export { StandardHWATrainingPreset, FloatingPointPreset } from './inference-presets.js';
export { buildPreset } from './preset-init.js';
