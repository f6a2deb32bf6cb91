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
  type IOParameters,
  type MvmDirection,
  type MvmSettings,
  type RandomSource,
  type TileHandle,
} from '@analogkit/core';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { buildMvmGraph, mvmGraphKey, mvmPlan, MVM_IO, type MvmGraphSpec, type MvmPlan } from '../graph/mvm-graph.js';
import type { OnnxBackend } from '../onnx-backend.js';
import { FastRandom } from '../random/fast-random.js';
import { feedNormalNoise } from '../random/noise-feeds.js';

/**
 * The MVM of a tile on the onnx backend, with the reference's semantics (see core's runMvm):
 * the host computes each sample's noise-management value and runs the bound-management rounds,
 * re-running only the samples whose bound test failed; each round is one run of the cached graph
 * (DAC, MAC and non-idealities, ADC, final factor) over the samples of that round.
 */
export function runOnnxMvm(
  backend: OnnxBackend,
  tile: TileHandle,
  direction: MvmDirection,
  input: Float32Array,
  batch: number,
  io: IOParameters,
  rng: RandomSource,
): Promise<Float32Array> {
  return backend.exclusive(async () => {
    const state = backend.stateOf(tile);
    const { rows, cols } = state;
    const inSize = direction === 'forward' ? cols : rows;
    const outSize = direction === 'forward' ? rows : cols;
    // Bad shapes and empty batches: the reference kernel says what is wrong (or returns nothing).
    if (!Number.isInteger(batch) || batch <= 0 || input.length !== batch * inSize) {
      return direction === 'forward'
        ? backend.kernels.reference('ForwardMvm').run(state, { x: input, batch }, { io, rng })
        : backend.kernels.reference('BackwardMvm').run(state, { d: input, batch }, { io, rng });
    }
    const weights = backend.tensor(state.weights, [rows, cols]);

    if (isPerfectIO(io)) {
      const spec: MvmGraphSpec = { direction, rows, cols, settings: null, outScale: Math.fround(io.out_scale), perOutputNoise: false, readAsymmetry: false };
      const session = await backend.session(mvmGraphKey(spec), () => buildMvmGraph(spec));
      const result = await session.run({ [MVM_IO.x]: backend.tensor(input, [batch, inSize]), [MVM_IO.weights]: weights });
      return result[MVM_IO.y]!.data as Float32Array;
    }

    const s = resolveMvmSettings(io, direction, rows, cols);
    const p = ensureMvmParameters(state.aux, io, direction, rows, cols, rng);
    const spec: MvmGraphSpec = {
      direction,
      rows,
      cols,
      settings: s,
      outScale: s.outScale,
      perOutputNoise: p.outNoiseValues !== null,
      readAsymmetry: p.wAsymmetry !== null && s.mvType !== AnalogMVType.ONE_PASS,
    };
    const session = await backend.session(mvmGraphKey(spec), () => buildMvmGraph(spec));
    const tileInputs: Record<string, Tensor> = { [MVM_IO.weights]: weights };
    if (spec.readAsymmetry) tileInputs[MVM_IO.wAsymmetry] = backend.tensor(p.wAsymmetry!, [rows, cols]);
    if (s.hasVoltageOffsets) tileInputs[MVM_IO.vOffset] = backend.tensor(p.vOffset!, [outSize]);
    if (s.hasNLCalibration) {
      tileInputs[MVM_IO.outNonlinearity] = backend.tensor(p.outNonlinearity!, [outSize]);
      tileInputs[MVM_IO.outNonlinearityFactor] = backend.tensor(Float32Array.of(p.outNonlinearityFactor), [1]);
    }
    if (spec.perOutputNoise && s.withOutNoise) tileInputs[MVM_IO.outSigma] = backend.tensor(p.outNoiseValues!, [outSize]);

    // Noise management, sample by sample (AVERAGE_ABS_MAX updates its running value in order).
    const nm = s.nm !== NoiseManagementType.NONE;
    const avg = s.nm === NoiseManagementType.AVERAGE_ABS_MAX ? avgAbsMaxState(state.aux) : null;
    const alpha = new Float64Array(batch);
    const samples = new Int32Array(batch);
    let count = 0;
    for (let k = 0; k < batch; k++) {
      alpha[k] = noiseManagementScale(s.nm, input, k * inSize, inSize, s, avg);
      const zero = nm && alpha[k]! <= 0 && (direction === 'backward' || s.inpNoise <= 0);
      if (!zero) samples[count++] = k;
    }

    const round = new MvmRound(backend, session, s, mvmPlan(s), direction, inSize, outSize, tileInputs, new FastRandom(rng));
    const worstCase = s.bm === BoundManagementType.ITERATIVE_WORST_CASE && s.nm !== NoiseManagementType.ABS_MAX_NP_SUM;
    const bm = s.bm !== BoundManagementType.NONE;
    let out: Float32Array | null = null;
    let n = count;
    let red = 0.5;
    for (let r = 0; n > 0; r++) {
      red *= 2;
      if (r === 1 && worstCase) {
        for (let k = 0; k < n; k++) alpha[samples[k]!] = npSumScale(input, samples[k]! * inSize, inSize, s);
        red = 1;
      }
      const all = n === batch; // round 0 with every sample: no gather or scatter
      const { y, failed } = await round.run(input, samples, n, all, alpha, red);
      if (all) out = y;
      else {
        out ??= new Float32Array(batch * outSize);
        for (let k = 0; k < n; k++) out.set(y.subarray(k * outSize, (k + 1) * outSize), samples[k]! * outSize);
      }
      const exhausted = !bm || !failed || red > s.maxBmFactor || red > s.bmResLimit;
      let next = 0;
      if (!exhausted) for (let k = 0; k < n; k++) if (failed![k]) samples[next++] = samples[k]!;
      n = next;
    }
    return out ?? new Float32Array(batch * outSize);
  });
}

/** One bound-management round: the graph inputs of the round's samples, the run, its outputs. */
class MvmRound {
  constructor(
    private readonly backend: OnnxBackend,
    private readonly session: InferenceSession,
    private readonly s: MvmSettings,
    private readonly plan: MvmPlan,
    private readonly direction: MvmDirection,
    private readonly inSize: number,
    private readonly outSize: number,
    private readonly tileInputs: Record<string, Tensor>,
    private readonly random: FastRandom,
  ) {}

  async run(
    input: Float32Array,
    samples: Int32Array,
    n: number,
    all: boolean,
    alpha: Float64Array,
    red: number,
  ): Promise<{ y: Float32Array; failed: Uint8Array | null }> {
    const { backend, s, plan, inSize, outSize } = this;
    const feeds: Record<string, Tensor> = { ...this.tileInputs };
    let x = input;
    if (!all) {
      x = backend.scratch(MVM_IO.x, n * inSize);
      for (let k = 0; k < n; k++) x.set(input.subarray(samples[k]! * inSize, (samples[k]! + 1) * inSize), k * inSize);
    }
    feeds[MVM_IO.x] = backend.tensor(x, [n, inSize]);
    if (plan.scaled) {
      const scale = backend.scratch(MVM_IO.scale, n);
      const factor = backend.scratch(MVM_IO.factor, n);
      const nm = s.nm !== NoiseManagementType.NONE;
      const bm = s.bm !== BoundManagementType.NONE;
      for (let k = 0; k < n; k++) {
        const a = alpha[samples[k]!]!;
        let sc = 1;
        if (nm && a > 0) sc = Math.fround(1 / a);
        if (bm) sc = Math.fround(sc / red);
        scale[k] = sc;
        if (this.direction === 'forward') factor[k] = Math.fround(s.outScale / sc);
        else factor[k] = nm && a > 0 ? Math.fround(s.outScale * a) : s.outScale;
      }
      feeds[MVM_IO.scale] = backend.tensor(scale, [n, 1]);
      feeds[MVM_IO.factor] = backend.tensor(factor, [n, 1]);
    }
    if (plan.inNoise) feedNormalNoise(backend, this.random, feeds, MVM_IO.inNoise, n, inSize);
    if (plan.inRound) feeds[MVM_IO.inRound] = this.roundingOffsets(MVM_IO.inRound, n, inSize);
    for (let pass = 0; pass < plan.passes; pass++) {
      if (plan.weightNoise) feedNormalNoise(backend, this.random, feeds, MVM_IO.weightNoise[pass]!, n, outSize);
    }
    for (let stage = 0; stage < plan.stages; stage++) {
      if (plan.outNoise) feedNormalNoise(backend, this.random, feeds, MVM_IO.outNoise[stage]!, n, outSize);
      if (plan.outRound) feeds[MVM_IO.outRound[stage]!] = this.roundingOffsets(MVM_IO.outRound[stage]!, n, outSize);
    }
    const result = await this.session.run(feeds);
    const failed = plan.boundTest ? (result[MVM_IO.failed]!.data as Uint8Array) : null;
    return { y: result[MVM_IO.y]!.data as Float32Array, failed };
  }

  private roundingOffsets(name: string, n: number, size: number): Tensor {
    const buffer = this.backend.scratch(name, n * size);
    this.random.fillUniform(buffer, -0.5);
    return this.backend.tensor(buffer, [n, size]);
  }
}
