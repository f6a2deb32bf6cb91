import type { KernelRegistry } from '../kernels/kernel-registry.js';
import { backwardMvmReference } from './backward-mvm.js';
import { clipWeightsReference } from './clip-weights.js';
import { decayWeightsReference } from './decay-weights.js';
import { diffuseWeightsReference } from './diffuse-weights.js';
import { driftWeightsReference } from './drift-weights.js';
import { forwardMvmReference } from './forward-mvm.js';
import { modifyWeightsReference } from './modify-weights.js';
import { pulsedUpdateReference } from './pulsed-update.js';
import { remapWeightsReference } from './remap-weights.js';
import { resetColumnsReference } from './reset-columns.js';

/** Registers every reference kernel: the spec each backend is tested against and falls back to. */
export function registerReferenceKernels(kernels: KernelRegistry): void {
  kernels.registerReference(forwardMvmReference);
  kernels.registerReference(backwardMvmReference);
  kernels.registerReference(pulsedUpdateReference);
  kernels.registerReference(decayWeightsReference);
  kernels.registerReference(diffuseWeightsReference);
  kernels.registerReference(driftWeightsReference);
  kernels.registerReference(resetColumnsReference);
  kernels.registerReference(clipWeightsReference);
  kernels.registerReference(modifyWeightsReference);
  kernels.registerReference(remapWeightsReference);
}
