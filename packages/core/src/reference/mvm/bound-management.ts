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
 * Runs the MVM passes of a batch with bound management (SPEC §2 step 3). Round r uses the
 * reduction `red = 1, 2, 4, ...` and the input scale `1 / (alpha red)` (1/alpha only with noise
 * management and alpha > 0, 1/red only with bound management). After a round only the samples
 * whose bound test failed are computed again, until `red > max_bm_factor` or
 * `red > max_bm_res / inp_step`. ITERATIVE_WORST_CASE: the second round takes alpha from
 * ABS_MAX_NP_SUM and restarts at red = 1, then keeps halving. Without bound management (always
 * in backward) there is one round.
 */
export function runBoundManagement(s: MvmSettings, mv: AnalogMv, rng: RandomSource, b: BoundManagementBatch): void {
  const { inSize, outSize } = s;
  const nm = s.nm !== NoiseManagementType.NONE;
  const bm = s.bm !== BoundManagementType.NONE;
  const worstCase = s.bm === BoundManagementType.ITERATIVE_WORST_CASE && s.nm !== NoiseManagementType.ABS_MAX_NP_SUM;
  const { x, alpha, samples, out, scale, passes } = b;
  const V = new Float32Array(b.count * inSize);
  const Y = new Float32Array(b.count * outSize);
  const passed = new Uint8Array(b.count);
  let n = b.count;
  let red = 0.5;
  for (let round = 0; n > 0; round++) {
    red *= 2;
    if (round === 1 && worstCase) {
      for (let k = 0; k < n; k++) alpha[samples[k]!] = npSumScale(x, samples[k]! * inSize, inSize, s);
      red = 1;
    }
    for (let k = 0; k < n; k++) {
      const sample = samples[k]!;
      const a = alpha[sample]!;
      let sc = 1;
      let scaling = false;
      if (nm && a > 0) {
        sc = Math.fround(1 / a);
        scaling = true;
      }
      if (bm) {
        sc = Math.fround(sc / red);
        scaling = true;
      }
      scale[sample] = sc;
      prepareInput(x, sample * inSize, sc, scaling, s, rng, V, k * inSize);
    }
    mv.run(V, n, Y, passed);
    const exhausted = !bm || red > s.maxBmFactor || red > s.bmResLimit;
    let next = 0;
    for (let k = 0; k < n; k++) {
      const sample = samples[k]!;
      out.set(Y.subarray(k * outSize, (k + 1) * outSize), sample * outSize);
      passes[sample]!++;
      if (!exhausted && !passed[k]) samples[next++] = sample;
    }
    n = next;
  }
}
