import { WeightNoiseType } from '../../parameters/enums.js';
import type { RandomSource } from '../../random/random-source.js';
import type { MvmParameters } from './draw-mvm-parameters.js';
import { applyIrDrop } from './ir-drop.js';
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
  private readonly scratch: Float64Array;

  constructor(
    private readonly s: MvmSettings,
    private readonly p: MvmParameters,
    private readonly rng: RandomSource,
  ) {
    this.active = s.irDrop > 0 || s.hasVoltageOffsets || s.wNoiseType !== WeightNoiseType.NONE;
    this.scratch = new Float64Array(s.irDrop > 0 ? s.inSize : 0);
  }

  /** In place on `y[yOff ..)`, the output of `W` (outSize x inSize) for the pass input `v[vOff ..)`. */
  apply(W: Float32Array, v: Float32Array, vOff: number, y: Float32Array, yOff: number): void {
    const s = this.s;
    if (s.irDrop > 0) applyIrDrop(W, s.outSize, s.inSize, v, vOff, y, yOff, s.irDrop, s.irDropGRatio, this.scratch);
    if (s.hasVoltageOffsets) applyVoltageOffsets(y, yOff, s.outSize, v, vOff, s.inSize, this.p.vOffset!, s.rSeries, s.vOffsetWMin);
    if (s.wNoiseType !== WeightNoiseType.NONE) applyWeightNoise(s.wNoiseType, s.wNoise, W, s.outSize, s.inSize, v, vOff, y, yOff, this.rng);
  }
}
