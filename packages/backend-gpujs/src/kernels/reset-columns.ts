import { ConfigError, hiddenArray, resetColumnsReference } from '@analogkit/core';
import { resetColumnsKernel } from '../effects/effect-kernels.js';
import { effectKeys, runEffectKernel } from '../effects/run-effect-kernel.js';
import { gpuJsKernel, runReference } from './native-kernel.js';

/** ResetColumns on gpu.js: the default pulsed column reset; device models with their own run theirs. */
export const resetColumnsConfig = gpuJsKernel('ResetColumns', async (gpujs, inputs, attrs) => {
  if (attrs.device.model.resetColumns) return runReference(gpujs, resetColumnsReference, inputs, attrs);
  const { start, count, prob, device, rng } = attrs;
  if (!(prob >= 0 && prob <= 1)) throw new ConfigError(`Reset probability must be in [0, 1], got ${prob}.`, 'reset_prob');
  const state = gpujs.tileState(inputs.tile);
  const mask = columnMask(state.cols, start, count);
  const resetStdValue = (device.params as { reset_std?: unknown }).reset_std;
  const resetStd = typeof resetStdValue === 'number' ? resetStdValue : 0;
  const keys = effectKeys(rng.nextUint32(), 3);
  const args = [state.weights, hiddenArray(state, 'reset_bias'), hiddenArray(state, 'max_bound'), hiddenArray(state, 'min_bound'), mask, prob, resetStd, ...keys];
  gpujs.countRun('ResetColumns', 'native');
  state.weights.set(await runEffectKernel(gpujs, state, 'reset-columns', resetColumnsKernel, state.weights.length, args));
});

/** Columns start, start + 1, ... (count of them, wrapping; count < 0 or >= cols: all) as a 0/1 mask. */
function columnMask(cols: number, start: number, count: number): Float32Array {
  if (!Number.isInteger(start) || !Number.isInteger(count)) {
    throw new ConfigError(`Reset columns need integer start and count, got start ${start} and count ${count}.`, 'start');
  }
  const mask = new Float32Array(cols);
  if (cols === 0) return mask;
  const n = count < 0 || count >= cols ? cols : count;
  const first = ((start % cols) + cols) % cols;
  for (let k = 0; k < n; k++) mask[(first + k) % cols] = 1;
  return mask;
}
