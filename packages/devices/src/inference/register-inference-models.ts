import { DriftCompensation, NoiseModel, type Registrar } from '@analogkit/core';
import { GlobalDriftCompensationPlugin } from './compensation/global-drift-compensation-plugin.js';
import { GlobalDriftCompensationWithExactReferencePlugin } from './compensation/global-drift-compensation-with-exact-reference-plugin.js';
import { PerColumnDriftCompensationPlugin } from './compensation/per-column-drift-compensation-plugin.js';
import { CustomDriftPCMLikeNoiseModelPlugin } from './noise/custom-drift-pcm-like-noise-model-plugin.js';
import { PCMLikeNoiseModelPlugin } from './noise/pcm-like-noise-model-plugin.js';
import { StateIndependentNoiseModelPlugin } from './noise/state-independent-noise-model-plugin.js';

/** Registers the inference noise models and drift compensations of @analogkit/devices. */
export function registerInferenceModels(container: Parameters<Registrar>[0]): void {
  container.register(NoiseModel, { useValue: new PCMLikeNoiseModelPlugin() });
  container.register(NoiseModel, { useValue: new StateIndependentNoiseModelPlugin() });
  container.register(NoiseModel, { useValue: new CustomDriftPCMLikeNoiseModelPlugin() });
  container.register(DriftCompensation, { useValue: new GlobalDriftCompensationPlugin() });
  container.register(DriftCompensation, { useValue: new GlobalDriftCompensationWithExactReferencePlugin() });
  container.register(DriftCompensation, { useValue: new PerColumnDriftCompensationPlugin() });
}
