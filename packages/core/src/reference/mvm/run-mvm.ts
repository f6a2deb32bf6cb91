import { KernelError, ShapeError } from '../../errors.js';
import { checkTileWeights, type TileState } from '../../backends/tile-state.js';
import type { MvmDirection } from '../../kernels/kernel-signatures.js';
import { AnalogMVType } from '../../parameters/enums.js';
import type { IOParameters } from '../../parameters/io-parameters.js';
import type { RandomSource } from '../../random/random-source.js';
import { AnalogMv } from './analog-mv.js';
import { runBoundManagement } from './bound-management.js';
import { ensureMvmParameters } from './draw-mvm-parameters.js';
import { macBatch, transpose } from './mac.js';
import { isPerfectIO, resolveMvmSettings } from './mvm-settings.js';
import { noiseManageBatch } from './noise-management.js';
import { applyMvmOutputFactors } from './output-factor.js';

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
  checkTileWeights(state);
  const inSize = direction === 'forward' ? cols : rows;
  const outSize = direction === 'forward' ? rows : cols;
  checkMvmInput(direction, input, batch, inSize);
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

  const { alpha, samples, count } = noiseManageBatch(s, direction, state.aux, input, batch);
  const scale = new Float32Array(batch);
  const mv = new AnalogMv(W, negW, s, p, rng, count);
  runBoundManagement(s, mv, rng, { x: input, alpha, samples, count, out, scale, passes });
  applyMvmOutputFactors(s, direction, out, alpha, scale, passes);
  return out;
}

/** Throws a ShapeError unless `input` holds `batch` (an integer >= 0) vectors of length `inSize`. */
export function checkMvmInput(direction: MvmDirection, input: Float32Array, batch: number, inSize: number): void {
  if (!Number.isInteger(batch) || batch < 0) throw new ShapeError(`The ${direction} MVM batch must be an integer >= 0, got ${batch}.`);
  if (input.length !== batch * inSize) {
    throw new ShapeError(`The ${direction} MVM input has ${input.length} values, expected batch ${batch} x ${inSize}.`);
  }
}

/** `W * w_asymmetry` (per device), oriented for the direction: what the negative-input pass reads. */
function readAsymmetricWeights(weights: Float32Array, asymmetry: Float32Array, direction: MvmDirection, rows: number, cols: number): Float32Array {
  const neg = new Float32Array(weights.length);
  for (let m = 0; m < neg.length; m++) neg[m] = weights[m]! * asymmetry[m]!;
  return direction === 'forward' ? neg : transpose(neg, rows, cols);
}
