import { advanceDriftClock, ConfigError, driftCoefficients, driftWeightsReference, hiddenArray } from '@analogkit/core';
import { driftClockKernel, driftOriginKernel, driftWeightKernel } from '../effects/effect-kernels.js';
import { effectKeys, runEffectKernel } from '../effects/run-effect-kernel.js';
import { gpuJsKernel, runReference } from './native-kernel.js';

/**
 * DriftWeights on gpu.js: the default pulsed drift (reference `defaultDrift`/`applyDrift`) with
 * the clock on the host and the per-element clocks, origins and weights in kernels; device
 * models with their own drift run theirs.
 */
export const driftWeightsConfig = gpuJsKernel('DriftWeights', async (gpujs, inputs, attrs) => {
  if (attrs.device.model.drift) return runReference(gpujs, driftWeightsReference, inputs, attrs);
  const { deltaT, drift, rng } = attrs;
  if (!(drift.nu > 0)) return;
  const state = gpujs.tileState(inputs.tile);
  const max = hiddenArray(state, 'max_bound');
  const min = hiddenArray(state, 'min_bound');
  if (!Number.isFinite(deltaT) || deltaT < 0) throw new ConfigError(`Drift time step must be a finite number >= 0, got ${deltaT}.`, 'deltaT');
  gpujs.countRun('DriftWeights', 'native');
  const n = state.weights.length;
  const nus = state.hidden['drift_nu'] ? hiddenArray(state, 'drift_nu') : new Float32Array(n).fill(drift.nu);
  const { t, tij, w0, prev } = advanceDriftClock(state, drift, deltaT);
  const c = driftCoefficients(drift);
  const [nuKeyA, nuKeyB, noiseKeyA, noiseKeyB] = effectKeys(rng.nextUint32(), 4);
  const w = state.weights;
  const weights = await runEffectKernel(gpujs, state, 'drift-weights', driftWeightKernel, n, [
    w, prev, tij, w0, nus, t, drift.reset_tol,
    c.nuStd, c.nuK, c.wOffset, c.wgRatio, c.gOffset, c.logG0, c.offset, c.noiseStd,
    1, max, min, nuKeyA!, nuKeyB!, noiseKeyA!, noiseKeyB!,
  ]);
  const clocks = await runEffectKernel(gpujs, state, 'drift-clocks', driftClockKernel, n, [w, prev, tij, t, drift.reset_tol]);
  const origins = await runEffectKernel(gpujs, state, 'drift-origins', driftOriginKernel, n, [w, prev, w0, drift.reset_tol]);
  tij.set(clocks);
  w0.set(origins);
  w.set(weights);
  prev.set(weights);
});
