import { ConfigError, hiddenArray, resetColumnMask, resetColumnsReference } from '@analogkit/core';
import { resetColumnsKernel } from '../effects/effect-kernels.js';
import { effectKeys, runEffectKernel } from '../effects/run-effect-kernel.js';
import { gpuJsKernel, runReference } from './native-kernel.js';

/** ResetColumns on gpu.js: the default pulsed column reset; device models with their own run theirs. */
export const resetColumnsConfig = gpuJsKernel('ResetColumns', async (gpujs, inputs, attrs) => {
  if (attrs.device.model.resetColumns) return runReference(gpujs, resetColumnsReference, inputs, attrs);
  const { start, count, prob, device, rng } = attrs;
  if (!(prob >= 0 && prob <= 1)) throw new ConfigError(`Reset probability must be in [0, 1], got ${prob}.`, 'reset_prob');
  const state = gpujs.tileState(inputs.tile);
  const mask = Float32Array.from(resetColumnMask(state.cols, start, count));
  const resetStdValue = (device.params as { reset_std?: unknown }).reset_std;
  const resetStd = typeof resetStdValue === 'number' ? resetStdValue : 0;
  const keys = effectKeys(rng.nextUint32(), 3);
  const args = [state.weights, hiddenArray(state, 'reset_bias'), hiddenArray(state, 'max_bound'), hiddenArray(state, 'min_bound'), mask, prob, resetStd, ...keys];
  gpujs.countRun('ResetColumns', 'native');
  state.weights.set(await runEffectKernel(gpujs, state, 'reset-columns', resetColumnsKernel, state.weights.length, args));
});
