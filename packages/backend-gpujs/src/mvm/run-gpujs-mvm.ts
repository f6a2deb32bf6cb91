import {
  AnalogMVType,
  applyMvmOutputFactors,
  BoundManagementRounds,
  checkMvmInput,
  ensureMvmParameters,
  isPerfectIO,
  noiseManageBatch,
  resolveMvmSettings,
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
  checkMvmInput(direction, input, batch, inSize);
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

  const { alpha, samples, count } = noiseManageBatch(s, direction, state.aux, input, batch);
  const out = new Float32Array(batch * outSize);
  const scale = new Float32Array(batch);
  const ran = new Uint8Array(batch);
  const rounds = new BoundManagementRounds(s, input, alpha, samples, count);
  for (let round = 0; rounds.next(); round++) {
    const n = rounds.n;
    const active = Float32Array.from(samples.subarray(0, n));
    const scales = new Float32Array(n);
    for (let idx = 0; idx < n; idx++) {
      const k = samples[idx]!;
      scales[idx] = rounds.inputScale(k);
      scale[k] = scales[idx]!;
    }
    const V = await prepareInputs(kernels, s, streams, input, active, scales, round);
    const { y, passed } = await runAnalogRound(ctx, V, active, round);
    for (let idx = 0; idx < n; idx++) {
      const k = samples[idx]!;
      out.set(y.subarray(idx * outSize, (idx + 1) * outSize), k * outSize);
      ran[k] = 1;
    }
    rounds.retain((idx) => !passed[idx]);
  }
  applyMvmOutputFactors(s, direction, out, alpha, scale, ran);
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
