import { mvmOutputFactor, type BoundManagementRounds, type MvmDirection, type MvmSettings } from '@analogkit/core';
import type { FastRandom } from '../random/fast-random.js';

/** One way of computing a bound-management round of an MVM (the full graph, or host stages around a MAC graph). */
export interface MvmRound {
  /** Each sample's max |x| when setting up the round computed it (noiseManageBatch then does not scan again). */
  readonly rowAbsMax?: Float32Array;
  /**
   * Computes the round's samples (the first `rounds.n` of `rounds.samples`; `all` when that is
   * the whole batch in order): their outputs, n x outSize, and bound tests (non-zero: failed;
   * null when there is no bound test), with its noise drawn from `random`.
   */
  run(rounds: BoundManagementRounds, all: boolean, random: FastRandom): Promise<{ y: Float32Array; failed: ArrayLike<number> | null }>;
}

/** Copies the round's sample rows of `src` (rows of `size`) to the first `rounds.n` rows of `dst`. */
export function gatherRows(src: Float32Array, rounds: BoundManagementRounds, size: number, dst: Float32Array): void {
  const { samples, n } = rounds;
  for (let k = 0; k < n; k++) dst.set(src.subarray(samples[k]! * size, (samples[k]! + 1) * size), k * size);
}

/**
 * The input scale and output factor of each of the round's samples, in the first `rounds.n`
 * entries (1 and out_scale for an MVM without noise or bound management).
 */
export function roundScales(s: MvmSettings, direction: MvmDirection, rounds: BoundManagementRounds, scales: Float32Array, factors: Float32Array): void {
  const { samples, n, alpha } = rounds;
  for (let k = 0; k < n; k++) {
    const sample = samples[k]!;
    scales[k] = rounds.inputScale(sample);
    factors[k] = mvmOutputFactor(s, direction, alpha[sample]!, scales[k]!);
  }
}
