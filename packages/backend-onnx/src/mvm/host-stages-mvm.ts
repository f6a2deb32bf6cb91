import {
  AnalogMVType,
  BoundManagementRounds,
  mvmOutputFactor,
  noiseManageBatch,
  NoiseManagementType,
  type MvmDirection,
  type MvmSettings,
  type TileState,
} from '@analogkit/core';
import { buildMvmGraph, mvmGraphKey, MVM_IO, type MvmGraphSpec, type MvmPlan } from '../graph/mvm-graph.js';
import type { OnnxBackend } from '../onnx-backend.js';
import type { FastRandom } from '../random/fast-random.js';

/**
 * Whether an MVM's DAC and ADC stages can run on the host kernels: one pass with quantisation,
 * clipping, output noise of one strength, noise and bound management, and none of the other
 * non-idealities (those stay in the graph).
 */
export function hostStagesApply(s: MvmSettings, plan: MvmPlan, perOutputNoise: boolean): boolean {
  return (
    s.mvType === AnalogMVType.ONE_PASS &&
    !plan.inNoise &&
    !plan.inRound &&
    !plan.outRound &&
    !plan.weightNoise &&
    !perOutputNoise &&
    s.irDrop === 0 &&
    !s.hasVoltageOffsets &&
    !s.hasNLCalibration &&
    s.inpAsymmetry === 0 &&
    s.outAsymmetry === 0
  );
}

/**
 * The MVM with its DAC and ADC stages on the host kernels (WebAssembly SIMD over the host's
 * threads) around a graph that is the bare MAC, with the same float32 steps as the full graph
 * (see buildMvmGraph) and the same rounds of bound management as runOnnxMvm. onnxruntime takes
 * no shared memory, so the DAC output and the MAC output are copied once each way.
 */
export async function runHostStagesMvm(
  backend: OnnxBackend,
  state: TileState,
  direction: MvmDirection,
  input: Float32Array,
  batch: number,
  s: MvmSettings,
  plan: MvmPlan,
  random: FastRandom,
): Promise<Float32Array> {
  const { inSize, outSize } = s;
  const mac: MvmGraphSpec = { direction, rows: state.rows, cols: state.cols, settings: null, outScale: 1, perOutputNoise: false, readAsymmetry: false };
  const session = await backend.session(mvmGraphKey(mac), () => buildMvmGraph(mac));
  const weights = backend.tensor(state.weights, [state.rows, state.cols]);
  const host = backend.hostKernels();
  const [x, gathered, v, y, out, rowAbsMax, scales, factors, failedFlags] = host.regions(
    batch * inSize,
    batch * inSize,
    batch * inSize,
    batch * outSize,
    batch * outSize,
    batch,
    batch,
    batch,
    batch,
  );
  const failed = new Int32Array(failedFlags.buffer, failedFlags.byteOffset, batch);
  x.set(input);
  const absMaxNm = s.nm === NoiseManagementType.ABS_MAX || s.nm === NoiseManagementType.AVERAGE_ABS_MAX;
  if (absMaxNm) host.absMaxRows(x, batch, inSize, rowAbsMax);
  const { alpha, samples, count } = noiseManageBatch(s, direction, state.aux, input, batch, absMaxNm ? rowAbsMax : undefined);
  const adc = { sigma: s.withOutNoise ? s.outNoise : 0, step: s.outStep, bound: s.outBound, testAbs: s.bmTestNegativeBound };
  const rounds = new BoundManagementRounds(s, input, alpha, samples, count);
  let result: Float32Array | null = null;
  while (rounds.next()) {
    const n = rounds.n;
    const all = n === batch;
    if (!all) for (let k = 0; k < n; k++) gathered.set(x.subarray(samples[k]! * inSize, (samples[k]! + 1) * inSize), k * inSize);
    for (let k = 0; k < n; k++) {
      const sample = samples[k]!;
      scales[k] = plan.scaled ? rounds.inputScale(sample) : 1;
      factors[k] = plan.scaled ? mvmOutputFactor(s, direction, alpha[sample]!, scales[k]!) : s.outScale;
    }
    host.dac(all ? x : gathered, v, n, inSize, scales, s.inpStep, s.inpBound);
    const feed = backend.scratch(MVM_IO.x, n * inSize);
    feed.set(v.subarray(0, n * inSize));
    const macOut = backend.scratch(MVM_IO.y, n * outSize);
    await session.run({ [MVM_IO.x]: backend.tensor(feed, [n, inSize]), [MVM_IO.weights]: weights }, { [MVM_IO.y]: backend.tensor(macOut, [n, outSize]) });
    y.set(macOut);
    host.adc(y, out, n, outSize, adc, factors, failed, random);
    if (all) result = out.slice(0, batch * outSize);
    else {
      result ??= new Float32Array(batch * outSize);
      for (let k = 0; k < n; k++) result.set(out.subarray(k * outSize, (k + 1) * outSize), samples[k]! * outSize);
    }
    rounds.retain((k) => plan.boundTest && failed[k] !== 0);
  }
  return result ?? new Float32Array(batch * outSize);
}
