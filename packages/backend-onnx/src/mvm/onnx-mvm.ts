import {
  AnalogMVType,
  assertFinite,
  BoundManagementRounds,
  ensureMvmParameters,
  isPerfectIO,
  noiseManageBatch,
  resolveMvmSettings,
  type IOParameters,
  type MvmDirection,
  type MvmParameters,
  type MvmSettings,
  type RandomSource,
  type TileHandle,
  type TileState,
} from '@analogkit/core';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { buildMvmGraph, macGraphSpec, mvmGraphKey, mvmPlan, MVM_IO, type MvmGraphSpec, type MvmPlan } from '../graph/mvm-graph.js';
import type { OnnxBackend } from '../onnx-backend.js';
import { FastRandom } from '../random/fast-random.js';
import { feedNormalNoise } from '../random/noise-feeds.js';
import { hostStagesApply, hostStagesRound } from './host-stages-mvm.js';
import { gatherRows, roundScales, type MvmRound } from './mvm-round.js';

/**
 * The MVM of a tile on the onnx backend, with the reference's semantics (see core's runMvm):
 * the host computes each sample's noise-management value and runs the bound-management rounds,
 * re-running only the samples whose bound test failed; each round is one run of the cached graph
 * (DAC, MAC and non-idealities, ADC, final factor) over the samples of that round. Where the
 * backend has host stages and the settings allow, the DAC and ADC run on the host kernels
 * around a bare MAC graph instead (hostStagesRound). An input not `checked` by the caller is
 * refused when it holds a non-finite value, with the tile's generator and aux as they were: by a
 * scan before anything is drawn, or by the host stages while they take each row's largest |x|,
 * after they have started drawing the output noise (which is then put back).
 */
export function runOnnxMvm(
  backend: OnnxBackend,
  tile: TileHandle,
  direction: MvmDirection,
  input: Float32Array,
  batch: number,
  checked: boolean,
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
    const what = `${direction} input`;
    if (isPerfectIO(io)) {
      if (!checked) assertFinite(input, what);
      const spec = macGraphSpec(direction, rows, cols, Math.fround(io.out_scale));
      const session = await backend.session(mvmGraphKey(spec), () => buildMvmGraph(spec));
      const result = await session.run({ [MVM_IO.x]: backend.tensor(input, [batch, inSize]), [MVM_IO.weights]: backend.tensor(state.weights, [rows, cols]) });
      return result[MVM_IO.y]!.data as Float32Array;
    }

    const s = resolveMvmSettings(io, direction, rows, cols);
    const plan = mvmPlan(s);
    const perOutputNoise = io.out_noise_std > 0; // ensureMvmParameters draws the per-output strengths then
    const hostStages = backend.hostStages && hostStagesApply(s, plan, perOutputNoise);
    if (!hostStages && !checked) assertFinite(input, what);
    // the host stages start drawing the output noise before they check the input, so a refused
    // input puts back what was drawn
    const undoDraws = hostStages && !checked ? drawUndo(state.aux, rng) : null;
    const p = ensureMvmParameters(state.aux, io, direction, rows, cols, rng);
    const random = new FastRandom(rng);
    let hostRound: MvmRound | null = null;
    if (hostStages) {
      try {
        hostRound = await hostStagesRound(backend, state, direction, input, batch, s, plan, checked, random);
      } catch (error) {
        undoDraws?.();
        throw error;
      }
    }
    const spec: MvmGraphSpec = {
      direction,
      rows,
      cols,
      settings: s,
      outScale: s.outScale,
      perOutputNoise,
      readAsymmetry: p.wAsymmetry !== null && s.mvType !== AnalogMVType.ONE_PASS,
    };
    const round = hostRound ?? (await graphRound(backend, state, spec, s, plan, p, input));
    const { alpha, samples, count } = noiseManageBatch(s, direction, state.aux, input, batch, round.rowAbsMax);
    const rounds = new BoundManagementRounds(s, input, alpha, samples, count);
    let out: Float32Array | null = null;
    while (rounds.next()) {
      const n = rounds.n;
      const all = n === batch; // round 0 with every sample: no gather or scatter
      const { y, failed } = await round.run(rounds, all, random);
      if (all) out = y;
      else {
        out ??= new Float32Array(batch * outSize);
        for (let k = 0; k < n; k++) out.set(y.subarray(k * outSize, (k + 1) * outSize), samples[k]! * outSize);
      }
      rounds.retain((k) => failed !== null && failed[k] !== 0);
    }
    return out ?? new Float32Array(batch * outSize);
  });
}

/** Puts the tile's generator and aux back to what they are now. */
function drawUndo(aux: Record<string, Float32Array>, rng: RandomSource): () => void {
  const rngState = rng.getState();
  const keys = Object.keys(aux);
  return () => {
    rng.setState(rngState);
    for (const key of Object.keys(aux)) if (!keys.includes(key)) delete aux[key];
  };
}

/** The rounds of an MVM in its full graph, with the tile's drawn parameters as graph inputs. */
async function graphRound(
  backend: OnnxBackend,
  state: TileState,
  spec: MvmGraphSpec,
  s: MvmSettings,
  plan: MvmPlan,
  p: MvmParameters,
  input: Float32Array,
): Promise<MvmRound> {
  const { rows, cols } = state;
  const outSize = s.outSize;
  const session = await backend.session(mvmGraphKey(spec), () => buildMvmGraph(spec));
  const tileInputs: Record<string, Tensor> = { [MVM_IO.weights]: backend.tensor(state.weights, [rows, cols]) };
  if (spec.readAsymmetry) tileInputs[MVM_IO.wAsymmetry] = backend.tensor(p.wAsymmetry!, [rows, cols]);
  if (s.hasVoltageOffsets) tileInputs[MVM_IO.vOffset] = backend.tensor(p.vOffset!, [outSize]);
  if (s.hasNLCalibration) {
    tileInputs[MVM_IO.outNonlinearity] = backend.tensor(p.outNonlinearity!, [outSize]);
    tileInputs[MVM_IO.outNonlinearityFactor] = backend.tensor(Float32Array.of(p.outNonlinearityFactor), [1]);
  }
  if (spec.perOutputNoise && s.withOutNoise) tileInputs[MVM_IO.outSigma] = backend.tensor(p.outNoiseValues!, [outSize]);
  return new GraphRound(backend, session, s, plan, spec.direction, input, tileInputs, spec.perOutputNoise ? 1 : s.outNoise);
}

/** A round in the full graph: the graph inputs of the round's samples, the run, its outputs. */
class GraphRound implements MvmRound {
  constructor(
    private readonly backend: OnnxBackend,
    private readonly session: InferenceSession,
    private readonly s: MvmSettings,
    private readonly plan: MvmPlan,
    private readonly direction: MvmDirection,
    private readonly input: Float32Array,
    private readonly tileInputs: Record<string, Tensor>,
    /** The sigma of the drawn output normals: 1 when the graph scales them per output. */
    private readonly outNoiseSigma: number,
  ) {}

  async run(rounds: BoundManagementRounds, all: boolean, random: FastRandom): Promise<{ y: Float32Array; failed: Uint8Array | null }> {
    const { backend, plan, s } = this;
    const { inSize, outSize } = s;
    const n = rounds.n;
    const feeds: Record<string, Tensor> = { ...this.tileInputs };
    let x = this.input;
    if (!all) {
      x = backend.scratch(MVM_IO.x, n * inSize);
      gatherRows(this.input, rounds, inSize, x);
    }
    feeds[MVM_IO.x] = backend.tensor(x, [n, inSize]);
    if (plan.scaled) {
      const scale = backend.scratch(MVM_IO.scale, n);
      const factor = backend.scratch(MVM_IO.factor, n);
      roundScales(s, this.direction, rounds, scale, factor);
      feeds[MVM_IO.scale] = backend.tensor(scale, [n, 1]);
      feeds[MVM_IO.factor] = backend.tensor(factor, [n, 1]);
    }
    if (plan.inNoise) feedNormalNoise(backend, random, feeds, MVM_IO.inNoise, n, inSize, s.inpNoise);
    if (plan.inRound) feeds[MVM_IO.inRound] = this.roundingOffsets(random, MVM_IO.inRound, n, inSize);
    for (let pass = 0; pass < plan.passes; pass++) {
      if (plan.weightNoise) feedNormalNoise(backend, random, feeds, MVM_IO.weightNoise[pass]!, n, outSize, 1);
    }
    for (let stage = 0; stage < plan.stages; stage++) {
      if (plan.outNoise) feedNormalNoise(backend, random, feeds, MVM_IO.outNoise[stage]!, n, outSize, this.outNoiseSigma);
      if (plan.outRound) feeds[MVM_IO.outRound[stage]!] = this.roundingOffsets(random, MVM_IO.outRound[stage]!, n, outSize);
    }
    const result = await this.session.run(feeds);
    const failed = plan.boundTest ? (result[MVM_IO.failed]!.data as Uint8Array) : null;
    return { y: result[MVM_IO.y]!.data as Float32Array, failed };
  }

  private roundingOffsets(random: FastRandom, name: string, n: number, size: number): Tensor {
    const buffer = this.backend.scratch(name, n * size);
    random.fillUniform(buffer, -0.5);
    return this.backend.tensor(buffer, [n, size]);
  }
}
