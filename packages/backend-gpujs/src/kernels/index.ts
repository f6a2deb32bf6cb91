import type { KernelConfig, KernelName } from '@analogkit/core';
import { backwardMvmConfig } from './backward-mvm.js';
import { clipWeightsConfig } from './clip-weights.js';
import { decayWeightsConfig } from './decay-weights.js';
import { diffuseWeightsConfig } from './diffuse-weights.js';
import { driftWeightsConfig } from './drift-weights.js';
import { forwardMvmConfig } from './forward-mvm.js';
import { pulsedUpdateConfig } from './pulsed-update.js';
import { resetColumnsConfig } from './reset-columns.js';

/** The kernels the gpu.js backend implements natively (ModifyWeights and RemapWeights use the reference). */
export const GPUJS_NATIVE_KERNELS: readonly KernelConfig<KernelName>[] = [
  forwardMvmConfig,
  backwardMvmConfig,
  pulsedUpdateConfig,
  decayWeightsConfig,
  diffuseWeightsConfig,
  driftWeightsConfig,
  resetColumnsConfig,
  clipWeightsConfig,
] as readonly KernelConfig<KernelName>[];
