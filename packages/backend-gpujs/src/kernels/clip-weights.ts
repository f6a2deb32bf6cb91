import { cappedClipValue, clipRule, type TileState, type WeightClipParameter } from '@analogkit/core';
import type { GpuJsBackend } from '../gpujs-backend.js';
import { clipKernel, rowAbsMaxKernel, rowMomentKernel } from '../effects/effect-kernels.js';
import { runEffectKernel } from '../effects/run-effect-kernel.js';
import { gpuJsKernel } from './native-kernel.js';

/**
 * ClipWeights on gpu.js (reference `clipWeightsReference`): the clip value from row reductions in
 * kernels (summed on the host), then an elementwise clip of the whole tile.
 */
export const clipWeightsConfig = gpuJsKernel('ClipWeights', async (gpujs, inputs, attrs) => {
  gpujs.countRun('ClipWeights', 'native');
  const state = gpujs.tileState(inputs.tile);
  const limit = await clipValue(gpujs, state, attrs.clip);
  if (!(limit > 0)) return;
  state.weights.set(await runEffectKernel(gpujs, state, 'clip', clipKernel, state.weights.length, [state.weights, limit]));
});

async function clipValue(backend: GpuJsBackend, state: TileState, clip: WeightClipParameter): Promise<number> {
  const { rows, weights } = state;
  const rule = clipRule(clip, weights.length, rows);
  if ('value' in rule) return rule.value;
  if (rule.statistic === 'mean-row-abs-max') {
    return cappedClipValue(rule, sum(await runEffectKernel(backend, state, 'row-abs-max', rowAbsMaxKernel, rows, [weights])) / rows);
  }
  const n = weights.length;
  const mean = sum(await runEffectKernel(backend, state, 'row-moment', rowMomentKernel, rows, [weights, 0, 1])) / n;
  const squares = sum(await runEffectKernel(backend, state, 'row-moment', rowMomentKernel, rows, [weights, mean, 2]));
  return cappedClipValue(rule, Math.sqrt(squares / (n - 1)));
}

function sum(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}
