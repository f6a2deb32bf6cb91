import { BoundManagementType, NoiseManagementType } from '../../parameters/enums.js';
import type { RandomSource } from '../../random/random-source.js';
import type { AnalogMv } from './analog-mv.js';
import { prepareInput } from './input-stage.js';
import type { MvmSettings } from './mvm-settings.js';
import { npSumScale } from './noise-management.js';

/** The per-sample state the bound-management loop works on (all arrays indexed by sample). */
export interface BoundManagementBatch {
  /** The original inputs, batch x inSize. */
  readonly x: Float32Array;
  /** Noise-management value of each sample (the second ITERATIVE_WORST_CASE round replaces it). */
  readonly alpha: Float64Array;
  /** The samples to compute (the others are left alone), in its first `count` entries; reordered. */
  readonly samples: Int32Array;
  readonly count: number;
  /** Receives the accepted outputs, batch x outSize. */
  readonly out: Float32Array;
  /** Receives the input scale of each sample's last pass (1 when it was not scaled). */
  readonly scale: Float32Array;
  /** Counts the passes of each sample. */
  readonly passes: Int32Array;
}

/**
 * The round schedule of bound management (SPEC §2 step 3). Round r uses the reduction
 * `red = 1, 2, 4, ...` and the input scale `1 / (alpha red)` (1/alpha only with noise management
 * and alpha > 0, 1/red only with bound management). After a round only the samples whose bound
 * test failed are computed again, until `red > max_bm_factor` or `red > max_bm_res / inp_step`.
 * ITERATIVE_WORST_CASE: the second round takes alpha from ABS_MAX_NP_SUM and restarts at red = 1,
 * then keeps halving. Without bound management (always in backward) there is one round.
 *
 * Works on the sample list of `noiseManageBatch` (reordered in place) and its alpha (replaced for
 * the samples of the second ITERATIVE_WORST_CASE round).
 */
export class BoundManagementRounds {
  /** The reduction of the current round. */
  red = 0.5;
  /** How many samples the current round computes: the first `n` entries of `samples`. */
  n: number;
  private round = -1;
  private readonly nm: boolean;
  private readonly bm: boolean;
  private readonly worstCase: boolean;

  constructor(
    private readonly s: MvmSettings,
    private readonly x: Float32Array,
    readonly alpha: Float64Array,
    readonly samples: Int32Array,
    count: number,
  ) {
    this.n = count;
    this.nm = s.nm !== NoiseManagementType.NONE;
    this.bm = s.bm !== BoundManagementType.NONE;
    this.worstCase = s.bm === BoundManagementType.ITERATIVE_WORST_CASE && s.nm !== NoiseManagementType.ABS_MAX_NP_SUM;
  }

  /** Starts the next round; false when no sample is left. */
  next(): boolean {
    if (this.n === 0) return false;
    this.round++;
    this.red *= 2;
    if (this.round === 1 && this.worstCase) {
      const { s, x, alpha, samples } = this;
      for (let k = 0; k < this.n; k++) alpha[samples[k]!] = npSumScale(x, samples[k]! * s.inSize, s.inSize, s);
      this.red = 1;
    }
    return true;
  }

  /** Whether the input of `sample` is scaled in this round (by noise management or bound management). */
  scales(sample: number): boolean {
    return (this.nm && this.alpha[sample]! > 0) || this.bm;
  }

  /** The input scale of `sample` in this round, float32 (1 when it is not scaled). */
  inputScale(sample: number): number {
    const a = this.alpha[sample]!;
    let sc = 1;
    if (this.nm && a > 0) sc = Math.fround(1 / a);
    if (this.bm) sc = Math.fround(sc / this.red);
    return sc;
  }

  /**
   * Ends the round: the samples whose bound test failed (`failed(k)`, k their position in this
   * round) run again in the next one, unless the schedule is exhausted.
   */
  retain(failed: (k: number) => boolean): void {
    const { s, samples } = this;
    const exhausted = !this.bm || this.red > s.maxBmFactor || this.red > s.bmResLimit;
    let next = 0;
    if (!exhausted) for (let k = 0; k < this.n; k++) if (failed(k)) samples[next++] = samples[k]!;
    this.n = next;
  }
}

/** Runs the MVM passes of a batch with bound management (see BoundManagementRounds). */
export function runBoundManagement(s: MvmSettings, mv: AnalogMv, rng: RandomSource, b: BoundManagementBatch): void {
  const { inSize, outSize } = s;
  const { x, samples, out, scale, passes } = b;
  const V = new Float32Array(b.count * inSize);
  const Y = new Float32Array(b.count * outSize);
  const passed = new Uint8Array(b.count);
  const rounds = new BoundManagementRounds(s, x, b.alpha, samples, b.count);
  while (rounds.next()) {
    const n = rounds.n;
    for (let k = 0; k < n; k++) {
      const sample = samples[k]!;
      const sc = rounds.inputScale(sample);
      scale[sample] = sc;
      prepareInput(x, sample * inSize, sc, rounds.scales(sample), s, rng, V, k * inSize);
    }
    mv.run(V, n, Y, passed);
    for (let k = 0; k < n; k++) {
      const sample = samples[k]!;
      out.set(Y.subarray(k * outSize, (k + 1) * outSize), sample * outSize);
      passes[sample]!++;
    }
    rounds.retain((k) => !passed[k]);
  }
}
