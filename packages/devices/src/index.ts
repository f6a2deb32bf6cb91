import type { Registrar } from '@analogkit/core';
import { registerCompoundDevices } from './compounds/register-compound-devices.js';
import { registerInferenceModels } from './inference/register-inference-models.js';
import { registerPulsedDevices } from './pulsed/register-pulsed-devices.js';

export * from './pulsed/index.js';
export * from './compounds/index.js';
export * from './inference/index.js';

/** Registers every device model, compound and inference plugin of this package into a container. */
export const registerAllDevices: Registrar = (container) => {
  registerPulsedDevices(container);
  registerCompoundDevices(container);
  registerInferenceModels(container);
};
export * from './presets/index.js';
