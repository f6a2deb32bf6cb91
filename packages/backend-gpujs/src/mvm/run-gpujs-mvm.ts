import {
  AnalogMVType,
  avgAbsMaxState,
  BoundManagementType,
  ensureMvmParameters,
  isPerfectIO,
  NoiseManagementType,
  noiseManagementScale,
  npSumScale,
  resolveMvmSettings,
  ShapeError,
  type IOParameters,
  type MvmDirection,
  type MvmSettings,
  type RandomSource,
  type TileHandle,
} from '@analogkit/core';
import type { GpuJsBackend } from '../gpujs-backend.js';
import { FLOAT_INDEX_LIMIT, runFlat } from '../run-flat-kernel.js';
import { runAnalogRound, type AnalogRoundContext } from './analog-round.js';
import { MvmKernels } from './mvm-kernels.js';
import { MVM_STREAM, MvmStreams } from './mvm-streams.js';

/**
 * The analog MVM of a tile on gpu.js kernels, the reference `runMvm` step by step: noise
 * management per sample (host), bound-management rounds (host loop) each made of the DAC-stage
 * kernel, the analog pass kernel(s) and the ADC-stage kernel, then `x out_scale / scale`.
 * Forward computes `W x` (input batch x cols), backward `W^T d` (input batch x rows, no bound
 * management). Per-tile drawn quantities and the AVERAGE_ABS_MAX running value live in the
 * tile's aux, as in the reference. One seed per call comes from `rng`; everything random
 * inside the kernels is derived from it.
 */
export async function runGpuJsMvm(
  backend: GpuJsBackend,
  handle: TileHandle,
  direction: MvmDirection,
  input: Float32Array,
  batch: number,
  io: IOParameters,
  rng: RandomSource,
): Promise<Float32Array> {
  const state = backend.tileState(handle);
  const { rows, cols, weights } = state;
  const kernels = new MvmKernels(backend, rows, cols, direction);
  const { inSize, outSize } = kernels;
  if (!Number.isInteger(batch) || batch < 0) throw new ShapeError(`The ${direction} MVM batch must be an integer >= 0, got ${batch}.`);
  if (input.length !== batch * inSize) {
    throw new ShapeError(`The ${direction} MVM input has ${input.length} values, expected batch ${batch} x ${inSize}.`);
  }
  if (batch === 0) return new Float32Array(0);
  const maxSamples = Math.floor(FLOAT_INDEX_LIMIT / Math.max(inSize, outSize));
  if (batch > maxSamples) {
    // Sample by sample semantics make consecutive sub-batches equivalent to one batch.
    const out = new Float32Array(batch * outSize);
    for (let s0 = 0; s0 < batch; s0 += maxSamples) {
      const n = Math.min(maxSamples, batch - s0);
      out.set(await runGpuJsMvm(backend, handle, direction, input.subarray(s0 * inSize, (s0 + n) * inSize), n, io, rng), s0 * outSize);
    }
    return out;
  }

  if (isPerfectIO(io)) {
    const out = await runFlat(kernels.mac(), batch * outSize, [weights, input]);
    const outScale = Math.fround(io.out_scale);
    if (outScale !== 1) for (let m = 0; m < out.length; m++) out[m] = out[m]! * outScale;
    return out;
  }

  const s = resolveMvmSettings(io, direction, rows, cols);
  const p = ensureMvmParameters(state.aux, io, direction, rows, cols, rng);
  const streams = new MvmStreams(rng.nextUint32());
  const negWeights =
    p.wAsymmetry && s.mvType !== AnalogMVType.ONE_PASS ? weights.map((w, m) => w * p.wAsymmetry![m]!) : weights;
  const ctx: AnalogRoundContext = { kernels, settings: s, params: p, streams, weights, negWeights };

  const nm = s.nm !== NoiseManagementType.NONE;
  const avg = s.nm === NoiseManagementType.AVERAGE_ABS_MAX ? avgAbsMaxState(state.aux) : null;
  const alpha = new Float64Array(batch);
  let active: number[] = [];
  for (let k = 0; k < batch; k++) {
    alpha[k] = noiseManagementScale(s.nm, input, k * inSize, inSize, s, avg);
    const zero = nm && alpha[k]! <= 0 && (direction === 'backward' || s.inpNoise <= 0);
    if (!zero) active.push(k);
  }

  const out = new Float32Array(batch * outSize);
  const scale = new Float32Array(batch);
  const ran = new Uint8Array(batch);
  const bm = s.bm !== BoundManagementType.NONE;
  const worstCase = s.bm === BoundManagementType.ITERATIVE_WORST_CASE && s.nm !== NoiseManagementType.ABS_MAX_NP_SUM;
  let red = 0.5;
  for (let round = 0; active.length > 0; round++) {
    red *= 2;
    if (round === 1 && worstCase) {
      for (const k of active) alpha[k] = npSumScale(input, k * inSize, inSize, s);
      red = 1;
    }
    const samples = Float32Array.from(active);
    const scales = new Float32Array(active.length);
    active.forEach((k, idx) => {
      let sc = nm && alpha[k]! > 0 ? Math.fround(1 / alpha[k]!) : 1;
      if (bm) sc = Math.fround(sc / red);
      scales[idx] = sc;
      scale[k] = sc;
    });
    const V = await prepareInputs(kernels, s, streams, input, samples, scales, round);
    const { y, passed } = await runAnalogRound(ctx, V, samples, round);
    const exhausted = !bm || red > s.maxBmFactor || red > s.bmResLimit;
    const next: number[] = [];
    active.forEach((k, idx) => {
      out.set(y.subarray(idx * outSize, (idx + 1) * outSize), k * outSize);
      ran[k] = 1;
      if (!exhausted && !passed[idx]) next.push(k);
    });
    active = next;
  }

  for (let k = 0; k < batch; k++) {
    if (!ran[k]) continue;
    let factor: number;
    if (direction === 'forward') factor = Math.fround(s.outScale / scale[k]!);
    else factor = nm && alpha[k]! > 0 ? Math.fround(s.outScale * alpha[k]!) : s.outScale;
    if (factor === 1) continue;
    for (let m = k * outSize, end = m + outSize; m < end; m++) out[m] = out[m]! * factor;
  }
  return out;
}

function prepareInputs(
  kernels: MvmKernels,
  s: MvmSettings,
  streams: MvmStreams,
  input: Float32Array,
  samples: Float32Array,
  scales: Float32Array,
  round: number,
): Promise<Float32Array> {
  const noise = s.inpNoise > 0;
  return runFlat(kernels.inputStage(), samples.length * s.inSize, [
    input,
    samples,
    scales,
    s.inpStep,
    s.inpStoRound ? 1 : 0,
    Number.isFinite(s.inpBound) ? s.inpBound : 0,
    Number.isFinite(s.inpBound) ? 1 : 0,
    s.inpNoise,
    Math.fround(1 - s.inpAsymmetry),
    s.inpAsymmetry !== 0 ? 1 : 0,
    streams.keys(round, 0, MVM_STREAM.inputUniform, samples, s.inpStep > 0 && s.inpStoRound),
    streams.keys(round, 0, MVM_STREAM.inputNormalA, samples, noise),
    streams.keys(round, 0, MVM_STREAM.inputNormalB, samples, noise),
  ]);
}
