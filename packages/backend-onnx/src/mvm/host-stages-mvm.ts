import { AnalogMVType, assertFinite, NoiseManagementType, type BoundManagementRounds, type MvmDirection, type MvmSettings, type TileState } from '@analogkit/core';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { buildMvmGraph, macGraphSpec, mvmGraphKey, MVM_IO, type MvmPlan } from '../graph/mvm-graph.js';
import type { OnnxBackend } from '../onnx-backend.js';
import type { FastRandom } from '../random/fast-random.js';
import type { AdcNoise, AdcSettings, HostKernels } from '../wasm/host-kernels.js';
import { gatherRows, roundScales, type MvmRound } from './mvm-round.js';

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
 * The rounds of an MVM with its DAC and ADC stages on the host kernels (WebAssembly SIMD over the
 * host's threads) around a graph that is the bare MAC, in the same float32 steps as the full graph
 * (see buildMvmGraph). The batch is copied once into the host thread's own memory, where the
 * rows' largest |x| for noise management are taken, an input not `checked` by the caller is
 * refused when a row's maximum is not finite, and the DAC writes what onnxruntime reads in place.
 * The ADC runs over the host threads on the shared memory (which onnxruntime refuses), so each
 * round copies the MAC output in while the threads start, and a whole batch's result out into
 * onnxruntime's array. The ADC's noise is drawn ahead (HostKernels.adcNoiseAhead), with the
 * numbers the ADC would draw itself: the first round's from before the batch is copied (so a
 * refused input has drawn from `random`; the caller puts its generator back), a later round's
 * from the start of that round.
 */
export async function hostStagesRound(
  backend: OnnxBackend,
  state: TileState,
  direction: MvmDirection,
  input: Float32Array,
  batch: number,
  s: MvmSettings,
  plan: MvmPlan,
  checked: boolean,
  random: FastRandom,
): Promise<MvmRound> {
  const mac = macGraphSpec(direction, state.rows, state.cols, 1);
  const session = await backend.session(mvmGraphKey(mac), () => buildMvmGraph(mac));
  const weights = backend.tensor(state.weights, [state.rows, state.cols]);
  return new HostStagesRound(backend, session, weights, backend.hostKernels(), direction, input, batch, s, plan, checked, random);
}

class HostStagesRound implements MvmRound {
  readonly rowAbsMax?: Float32Array;
  private readonly x: Float32Array;
  private readonly gathered: Float32Array;
  private readonly v: Float32Array;
  private readonly y: Float32Array;
  private readonly out: Float32Array;
  /** Where the background thread draws the ADC's noise. */
  private readonly noise: Float32Array;
  private readonly scales: Float32Array;
  private readonly factors: Float32Array;
  private readonly failed: Int32Array;
  private readonly claims: Int32Array;
  private readonly adc: AdcSettings;
  /** The first round's noise, started before the input is read. */
  private firstNoise: AdcNoise | null;

  constructor(
    private readonly backend: OnnxBackend,
    private readonly session: InferenceSession,
    private readonly weights: Tensor,
    private readonly host: HostKernels,
    private readonly direction: MvmDirection,
    input: Float32Array,
    batch: number,
    private readonly s: MvmSettings,
    private readonly plan: MvmPlan,
    checked: boolean,
    random: FastRandom,
  ) {
    const { inSize, outSize } = s;
    let absMax: Float32Array;
    let failed: Float32Array;
    let claims: Float32Array;
    [this.x, this.gathered, this.v, absMax, this.scales] = host.localRegions(batch * inSize, batch * inSize, batch * inSize, batch, batch);
    [this.y, this.out, this.noise, this.factors, failed, claims] = host.regions(batch * outSize, batch * outSize, batch * outSize, batch, batch, batch);
    this.failed = new Int32Array(failed.buffer, failed.byteOffset, batch);
    this.claims = new Int32Array(claims.buffer, claims.byteOffset, batch);
    this.adc = { sigma: s.withOutNoise ? s.outNoise : 0, step: s.outStep, bound: s.outBound, testAbs: s.bmTestNegativeBound };
    // the ADC's noise is drawn where a core has time for it: while this thread alone reads the
    // batch and runs the DAC, and in the gaps onnxruntime's threads leave during the MAC
    this.firstNoise = host.adcNoiseAhead(this.noise, batch, outSize, this.adc.sigma, this.claims, random);
    this.x.set(input);
    const noiseManaged = s.nm === NoiseManagementType.ABS_MAX || s.nm === NoiseManagementType.AVERAGE_ABS_MAX;
    if (noiseManaged || !checked) host.absMaxRows(this.x, batch, inSize, absMax);
    // a row maximum is NaN or infinite exactly when the row holds such a value; the scan names it
    if (!checked && !absMax.every(Number.isFinite)) assertFinite(input, `${direction} input`);
    if (noiseManaged) this.rowAbsMax = absMax;
  }

  async run(rounds: BoundManagementRounds, all: boolean, random: FastRandom): Promise<{ y: Float32Array; failed: ArrayLike<number> | null }> {
    const { backend, host, s } = this;
    const { inSize, outSize } = s;
    const n = rounds.n;
    const noise = this.firstNoise ?? host.adcNoiseAhead(this.noise, n, outSize, this.adc.sigma, this.claims, random);
    this.firstNoise = null;
    if (!all) gatherRows(this.x, rounds, inSize, this.gathered);
    roundScales(s, this.direction, rounds, this.scales, this.factors);
    host.dac(all ? this.x : this.gathered, this.v, n, inSize, this.scales, s.inpStep, s.inpBound);
    const result = await this.session.run({ [MVM_IO.x]: backend.tensor(this.v.subarray(0, n * inSize), [n, inSize]), [MVM_IO.weights]: this.weights });
    const macOut = result[MVM_IO.y]!.data as Float32Array;
    // the whole batch leaves in the MAC's output array: onnxruntime made it for this call, and
    // its memory (reused by onnxruntime) is cheaper to write than a new array's
    host.adc(this.y, this.out, n, outSize, this.adc, this.factors, this.failed, noise, { from: macOut, to: all ? macOut : undefined });
    const failed = this.plan.boundTest ? this.failed : null;
    return { y: all ? macOut : this.out.subarray(0, n * outSize), failed };
  }
}
