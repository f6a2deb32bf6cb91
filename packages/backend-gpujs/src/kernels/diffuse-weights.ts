import { diffuseWeightsReference, hiddenArray } from '@analogkit/core';
import { diffuseKernel } from '../effects/effect-kernels.js';
import { effectKeys, runEffectKernel } from '../effects/run-effect-kernel.js';
import { gpuJsKernel, runReference } from './native-kernel.js';

/** DiffuseWeights on gpu.js: the default pulsed diffusion; device models with their own run theirs. */
export const diffuseWeightsConfig = gpuJsKernel('DiffuseWeights', async (gpujs, inputs, attrs) => {
  if (attrs.device.model.diffuse) return runReference(gpujs, diffuseWeightsReference, inputs, attrs);
  gpujs.countRun('DiffuseWeights', 'native');
  const state = gpujs.tileState(inputs.tile);
  const [keyA, keyB] = effectKeys(attrs.rng.nextUint32(), 2);
  const args = [state.weights, hiddenArray(state, 'diffusion_rates'), hiddenArray(state, 'max_bound'), hiddenArray(state, 'min_bound'), keyA!, keyB!];
  state.weights.set(await runEffectKernel(gpujs, state, 'diffuse', diffuseKernel, state.weights.length, args));
});
