import { KernelError, ShapeError } from '../../errors.js';
import type { TileState } from '../../backends/tile-state.js';
import type { MvmDirection } from '../../kernels/kernel-signatures.js';
import { AnalogMVType, NoiseManagementType } from '../../parameters/enums.js';
import type { IOParameters } from '../../parameters/io-parameters.js';
import type { RandomSource } from '../../random/random-source.js';
import { AnalogMv } from './analog-mv.js';
import { runBoundManagement } from './bound-management.js';
import { ensureMvmParameters } from './draw-mvm-parameters.js';
import { macBatch, transpose } from './mac.js';
import { isPerfectIO, resolveMvmSettings } from './mvm-settings.js';
import { avgAbsMaxState, noiseManagementScale } from './noise-management.js';

/** What an MVM did, for tests and diagnostics. */
export interface MvmStats {
  /** Analog passes per sample (bound-management rounds; 0 for a sample cut short as all zero). */
  passes?: Int32Array;
}

/**
 * The analog MVM of a tile with its whole IO pipeline (SPEC §2, §10, §11), per sample: noise
 * management -> (forward) bound-management rounds of DAC stage, analog MAC, non-idealities and
 * ADC stage -> `x out_scale / scale`. Forward computes `W x` (input batch x cols, output
 * batch x rows); backward `W^T d` (input batch x rows, output batch x cols) without bound
 * management. Draws missing per-tile quantities into `state.aux` and keeps the AVERAGE_ABS_MAX
 * running value there. Randomness comes from `rng` only.
 */
export function runMvm(
  state: TileState | undefined,
  direction: MvmDirection,
  input: Float32Array,
  batch: number,
  io: IOParameters,
  rng: RandomSource,
  stats?: MvmStats,
): Float32Array {
  if (!state) throw new KernelError(`The ${direction} MVM needs the tile state.`);
  const { rows, cols, weights } = state;
  if (weights.length !== rows * cols) throw new ShapeError(`Tile weights have ${weights.length} entries, expected ${rows}x${cols}.`);
  const inSize = direction === 'forward' ? cols : rows;
  const outSize = direction === 'forward' ? rows : cols;
  if (!Number.isInteger(batch) || batch < 0) throw new ShapeError(`The ${direction} MVM batch must be an integer >= 0, got ${batch}.`);
  if (input.length !== batch * inSize) {
    throw new ShapeError(`The ${direction} MVM input has ${input.length} values, expected batch ${batch} x ${inSize}.`);
  }
  const out = new Float32Array(batch * outSize);
  const passes = new Int32Array(batch);
  if (stats) stats.passes = passes;
  if (batch === 0) return out;
  const W = direction === 'forward' ? weights : transpose(weights, rows, cols);

  if (isPerfectIO(io)) {
    macBatch(W, outSize, inSize, input, batch, out);
    const outScale = Math.fround(io.out_scale);
    if (outScale !== 1) for (let m = 0; m < out.length; m++) out[m] = out[m]! * outScale;
    passes.fill(1);
    return out;
  }

  const s = resolveMvmSettings(io, direction, rows, cols);
  const p = ensureMvmParameters(state.aux, io, direction, rows, cols, rng);
  const negW = p.wAsymmetry && s.mvType !== AnalogMVType.ONE_PASS ? readAsymmetricWeights(weights, p.wAsymmetry, direction, rows, cols) : W;

  // Noise management, sample by sample (AVERAGE_ABS_MAX updates its running value in order).
  const nm = s.nm !== NoiseManagementType.NONE;
  const avg = s.nm === NoiseManagementType.AVERAGE_ABS_MAX ? avgAbsMaxState(state.aux) : null;
  const alpha = new Float64Array(batch);
  const samples = new Int32Array(batch);
  let count = 0;
  for (let k = 0; k < batch; k++) {
    alpha[k] = noiseManagementScale(s.nm, input, k * inSize, inSize, s, avg);
    // alpha <= 0: the output is zero anyway (forward only when there is no input noise).
    const zero = nm && alpha[k]! <= 0 && (direction === 'backward' || s.inpNoise <= 0);
    if (!zero) samples[count++] = k;
  }

  const scale = new Float32Array(batch);
  const mv = new AnalogMv(W, negW, s, p, rng, count);
  runBoundManagement(s, mv, rng, { x: input, alpha, samples, count, out, scale, passes });

  for (let k = 0; k < batch; k++) {
    if (passes[k] === 0) continue;
    let factor: number;
    if (direction === 'forward') factor = Math.fround(s.outScale / scale[k]!);
    else factor = nm && alpha[k]! > 0 ? Math.fround(s.outScale * alpha[k]!) : s.outScale;
    if (factor === 1) continue;
    const o = k * outSize;
    for (let i = 0; i < outSize; i++) out[o + i] = out[o + i]! * factor;
  }
  return out;
}

/** `W * w_asymmetry` (per device), oriented for the direction: what the negative-input pass reads. */
function readAsymmetricWeights(weights: Float32Array, asymmetry: Float32Array, direction: MvmDirection, rows: number, cols: number): Float32Array {
  const neg = new Float32Array(weights.length);
  for (let m = 0; m < neg.length; m++) neg[m] = weights[m]! * asymmetry[m]!;
  return direction === 'forward' ? neg : transpose(neg, rows, cols);
}
