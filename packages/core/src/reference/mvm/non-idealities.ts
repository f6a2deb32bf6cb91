import { WeightNoiseType } from '../../parameters/enums.js';
import type { RandomSource } from '../../random/random-source.js';
import type { MvmParameters } from './draw-mvm-parameters.js';
import { applyIrDrop, type IrDropScratch } from './ir-drop.js';
import type { MvmSettings } from './mvm-settings.js';
import { applyVoltageOffsets } from './voltage-offsets.js';
import { applyWeightNoise } from './weight-noise.js';

/**
 * The analog non-idealities applied to the raw MAC result of one pass, in aihwkit's order:
 * IR drop, then voltage offsets / series resistance, then output-referred weight noise.
 */
export class NonIdealities {
  /** Whether any non-ideality is on (otherwise apply() need not be called). */
  readonly active: boolean;
  private readonly irDrop: IrDropScratch | null;
  private readonly sq: Float32Array;
  private readonly acc: Float32Array;
  /** |W| of each weight matrix seen, computed once per MVM call. */
  private readonly absWeights = new Map<Float32Array, Float32Array>();

  constructor(
    private readonly s: MvmSettings,
    private readonly p: MvmParameters,
    private readonly rng: RandomSource,
    maxSamples: number,
  ) {
    const pcmRead = s.wNoiseType === WeightNoiseType.PCM_READ;
    this.active = s.irDrop > 0 || s.hasVoltageOffsets || s.wNoiseType !== WeightNoiseType.NONE;
    const inLen = maxSamples * s.inSize;
    const outLen = maxSamples * s.outSize;
    this.irDrop =
      s.irDrop > 0
        ? { absV: new Float32Array(inLen), dropV: new Float32Array(inLen), current: new Float32Array(outLen), drop: new Float32Array(outLen) }
        : null;
    // PCM_READ runs after IR drop, so it can reuse IR drop's buffers.
    this.sq = pcmRead ? (this.irDrop?.absV ?? new Float32Array(inLen)) : new Float32Array(0);
    this.acc = pcmRead ? (this.irDrop?.current ?? new Float32Array(outLen)) : new Float32Array(0);
  }

  /** In place on the outputs Y (n x outSize) of `W` (outSize x inSize) for the pass inputs V (n x inSize). */
  apply(W: Float32Array, V: Float32Array, n: number, Y: Float32Array): void {
    const s = this.s;
    if (this.irDrop) applyIrDrop(W, this.abs(W), s.outSize, s.inSize, V, n, Y, s.irDrop, s.irDropGRatio, this.irDrop);
    if (s.hasVoltageOffsets) applyVoltageOffsets(this.p.vOffset!, s.rSeries, s.vOffsetWMin, s.outSize, s.inSize, V, n, Y);
    if (s.wNoiseType !== WeightNoiseType.NONE) {
      const absW = s.wNoiseType === WeightNoiseType.PCM_READ ? this.abs(W) : W;
      applyWeightNoise(s.wNoiseType, s.wNoise, absW, s.outSize, s.inSize, V, n, Y, this.rng, this.sq, this.acc);
    }
  }

  private abs(W: Float32Array): Float32Array {
    let absW = this.absWeights.get(W);
    if (!absW) {
      absW = W.map(Math.abs);
      this.absWeights.set(W, absW);
    }
    return absW;
  }
}
