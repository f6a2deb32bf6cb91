import { ConfigError, DriftParameter, driftWeightsReference, hiddenArray, type TileState } from '@analogkit/core';
import { driftClockKernel, driftOriginKernel, driftWeightKernel } from '../effects/effect-kernels.js';
import { effectKeys, runEffectKernel } from '../effects/run-effect-kernel.js';
import { gpuJsKernel, runReference } from './native-kernel.js';

/** The drift state in the tile's aux, under the reference's keys (WeightDrifter's t, t_ij, w0, previous weights). */
const DRIFT_AUX = { t: 'drift.t', tij: 'drift.t_ij', w0: 'drift.w0', prev: 'drift.prev' } as const;

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
  const { clock, tij, w0, prev } = driftState(state);
  clock[0] = clock[0]! + Math.fround(deltaT / drift.t_0);
  const t = clock[0]!;
  const full = drift instanceof DriftParameter ? drift : undefined;
  const wgRatio = full?.wg_ratio ?? 1;
  const gOffset = full?.g_offset ?? 0;
  const wOffset = full?.w_offset ?? 0;
  let offset = gOffset * wgRatio + wOffset;
  if (Math.abs(offset) < drift.reset_tol) offset = 0;
  const [nuKeyA, nuKeyB, noiseKeyA, noiseKeyB] = effectKeys(rng.nextUint32(), 4);
  const w = state.weights;
  const weights = await runEffectKernel(gpujs, state, 'drift-weights', driftWeightKernel, n, [
    w, prev, tij, w0, nus, t, drift.reset_tol,
    full?.nu_std ?? 0, full?.nu_k ?? 0, wOffset, wgRatio, gOffset, full?.log_g0 ?? 0, offset, full?.w_noise_std ?? 0,
    1, max, min, nuKeyA!, nuKeyB!, noiseKeyA!, noiseKeyB!,
  ]);
  const clocks = await runEffectKernel(gpujs, state, 'drift-clocks', driftClockKernel, n, [w, prev, tij, t, drift.reset_tol]);
  const origins = await runEffectKernel(gpujs, state, 'drift-origins', driftOriginKernel, n, [w, prev, w0, drift.reset_tol]);
  tij.set(clocks);
  w0.set(origins);
  w.set(weights);
  prev.set(weights);
});

/** The drift arrays in `state.aux`, created (clock 0, w0 = prev = w) on first use, as the reference does. */
function driftState(state: TileState): { clock: Float32Array; tij: Float32Array; w0: Float32Array; prev: Float32Array } {
  const n = state.weights.length;
  const aux = state.aux;
  const complete = aux[DRIFT_AUX.t]?.length === 1 && aux[DRIFT_AUX.tij]?.length === n && aux[DRIFT_AUX.w0]?.length === n && aux[DRIFT_AUX.prev]?.length === n;
  if (!complete) {
    aux[DRIFT_AUX.t] = new Float32Array(1);
    aux[DRIFT_AUX.tij] = new Float32Array(n);
    aux[DRIFT_AUX.w0] = state.weights.slice();
    aux[DRIFT_AUX.prev] = state.weights.slice();
  }
  return { clock: aux[DRIFT_AUX.t]!, tij: aux[DRIFT_AUX.tij]!, w0: aux[DRIFT_AUX.w0]!, prev: aux[DRIFT_AUX.prev]! };
}
