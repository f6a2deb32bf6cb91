import { pulsedUpdateReference } from '@analogkit/core';
import { runGpuJsUpdate } from '../update/run-gpujs-update.js';
import { gpuJsUpdatePlan } from '../update/update-plan.js';
import { gpuJsKernel, runReference } from './native-kernel.js';

/**
 * PulsedUpdate on gpu.js: exact updates for every device, pulsed updates (all four pulse-train
 * types) and NONE_WITH_DEVICE bounds for ConstantStep devices; other device models run the
 * reference kernel on the tile's host state (counted in `kernelRuns().reference`).
 */
export const pulsedUpdateConfig = gpuJsKernel('PulsedUpdate', async (backend, inputs, attrs) => {
  const plan = gpuJsUpdatePlan(attrs.update, attrs.device);
  if (!plan) return runReference(backend, pulsedUpdateReference, inputs, attrs);
  backend.countRun('PulsedUpdate', 'native');
  await runGpuJsUpdate(backend, plan, { ...inputs, ...attrs });
});
