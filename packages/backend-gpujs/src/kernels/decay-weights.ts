import { decayWeightsReference, hiddenArray } from '@analogkit/core';
import { decayKernel } from '../effects/effect-kernels.js';
import { runEffectKernel } from '../effects/run-effect-kernel.js';
import { gpuJsKernel, runReference } from './native-kernel.js';

/** DecayWeights on gpu.js: the default pulsed decay; device models with their own decay run theirs. */
export const decayWeightsConfig = gpuJsKernel('DecayWeights', async (gpujs, inputs, attrs) => {
  if (attrs.device.model.decay) return runReference(gpujs, decayWeightsReference, inputs, attrs);
  gpujs.countRun('DecayWeights', 'native');
  const state = gpujs.tileState(inputs.tile);
  const args = [
    state.weights,
    hiddenArray(state, 'decay_scales'),
    hiddenArray(state, 'reset_bias'),
    hiddenArray(state, 'max_bound'),
    hiddenArray(state, 'min_bound'),
    attrs.alpha,
  ];
  state.weights.set(await runEffectKernel(gpujs, state, 'decay', decayKernel, state.weights.length, args));
});
