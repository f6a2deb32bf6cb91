import { AnalogMVType } from '../../parameters/enums.js';
import type { RandomSource } from '../../random/random-source.js';
import type { MvmParameters } from './draw-mvm-parameters.js';
import { macBatch } from './mac.js';
import type { MvmSettings } from './mvm-settings.js';
import { NonIdealities } from './non-idealities.js';
import { finalizeOutput } from './output-stage.js';

/**
 * One analog MVM pass over a batch of prepared (DAC-stage) inputs, by mv_type:
 * - ONE_PASS: MAC, non-idealities, ADC stage;
 * - POS_NEG_SEPARATE: a pass with the negative inputs (through the read-asymmetric weights when
 *   w_read_asymmetry_dtod > 0), one with the positive inputs, analog sum, one ADC stage;
 * - POS_NEG_SEPARATE_DIGITAL_SUM: the same two passes, each through its own ADC stage, summed
 *   digitally (so the sum can reach twice out_bound); the bound test must pass for both.
 */
export class AnalogMv {
  private readonly nonIdealities: NonIdealities;
  private readonly part: Float32Array;
  private readonly yNeg: Float32Array;

  /**
   * @param weights outSize x inSize, oriented for the direction (W forward, W^T backward).
   * @param negWeights the weights the negative-input pass sees (same as `weights` without read asymmetry).
   * @param maxSamples the largest batch `run` is called with.
   */
  constructor(
    private readonly weights: Float32Array,
    private readonly negWeights: Float32Array,
    private readonly s: MvmSettings,
    private readonly p: MvmParameters,
    private readonly rng: RandomSource,
    maxSamples: number,
  ) {
    this.nonIdealities = new NonIdealities(s, p, rng, maxSamples);
    const split = s.mvType !== AnalogMVType.ONE_PASS;
    this.part = new Float32Array(split ? maxSamples * s.inSize : 0);
    this.yNeg = new Float32Array(split ? maxSamples * s.outSize : 0);
  }

  /** Y (n x outSize) from the prepared inputs V (n x inSize); passed[k] = 1 when sample k passed the bound test. */
  run(V: Float32Array, n: number, Y: Float32Array, passed: Uint8Array): void {
    const { inSize, outSize } = this.s;
    if (this.s.mvType === AnalogMVType.ONE_PASS) {
      this.pass(this.weights, V, n, Y);
      for (let k = 0; k < n; k++) passed[k] = this.finalize(Y, k * outSize);
      return;
    }
    const digitalSum = this.s.mvType === AnalogMVType.POS_NEG_SEPARATE_DIGITAL_SUM;
    const part = this.part;
    const yNeg = this.yNeg;
    const len = n * inSize;
    for (let m = 0; m < len; m++) part[m] = V[m]! < 0 ? V[m]! : 0;
    this.pass(this.negWeights, part, n, yNeg);
    if (digitalSum) for (let k = 0; k < n; k++) passed[k] = this.finalize(yNeg, k * outSize);
    for (let m = 0; m < len; m++) part[m] = V[m]! > 0 ? V[m]! : 0;
    this.pass(this.weights, part, n, Y);
    if (digitalSum) for (let k = 0; k < n; k++) passed[k] = this.finalize(Y, k * outSize) & passed[k]!;
    const outLen = n * outSize;
    for (let m = 0; m < outLen; m++) Y[m] = Y[m]! + yNeg[m]!;
    if (!digitalSum) for (let k = 0; k < n; k++) passed[k] = this.finalize(Y, k * outSize);
  }

  private pass(W: Float32Array, V: Float32Array, n: number, Y: Float32Array): void {
    macBatch(W, this.s.outSize, this.s.inSize, V, n, Y);
    if (this.nonIdealities.active) this.nonIdealities.apply(W, V, n, Y);
  }

  private finalize(Y: Float32Array, off: number): number {
    return finalizeOutput(Y, off, this.s, this.p, this.rng) ? 1 : 0;
  }
}
