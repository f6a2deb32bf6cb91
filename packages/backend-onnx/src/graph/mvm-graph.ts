import { AnalogMVType, BoundManagementType, NoiseManagementType, WeightNoiseType, type MvmDirection, type MvmSettings } from '@analogkit/core';
import { GraphBuilder } from './graph-builder.js';

/** What one MVM graph computes: a direction of a tile shape under resolved IO settings. */
export interface MvmGraphSpec {
  readonly direction: MvmDirection;
  readonly rows: number;
  readonly cols: number;
  /** The resolved IO settings, or null for a perfect MVM (`out_scale W x`). */
  readonly settings: MvmSettings | null;
  /** out_scale of a perfect MVM. */
  readonly outScale: number;
  /** Output noise has a drawn strength per output (out_noise_std > 0). */
  readonly perOutputNoise: boolean;
  /** The negative-input pass of a split MVM reads `W * w_asymmetry`. */
  readonly readAsymmetry: boolean;
}

/** The inputs an MVM graph takes besides x and the weights, decided by its settings. */
export interface MvmPlan {
  /** Per-sample input scale and output factor inputs (noise or bound management). */
  readonly scaled: boolean;
  readonly inNoise: boolean;
  readonly inRound: boolean;
  /** Analog passes per sample: 2 for POS_NEG_SEPARATE(_DIGITAL_SUM). */
  readonly passes: 1 | 2;
  /** ADC stages per sample: 2 for POS_NEG_SEPARATE_DIGITAL_SUM. */
  readonly stages: 1 | 2;
  readonly outNoise: boolean;
  readonly outRound: boolean;
  readonly weightNoise: boolean;
  /** The graph returns each sample's bound test (`failed`). */
  readonly boundTest: boolean;
}

/** Graph input and output names. */
export const MVM_IO = {
  x: 'x',
  weights: 'w',
  scale: 'scale',
  factor: 'factor',
  inNoise: 'in_noise',
  inRound: 'in_round',
  outNoise: ['out_noise_0', 'out_noise_1'],
  outRound: ['out_round_0', 'out_round_1'],
  weightNoise: ['w_noise_0', 'w_noise_1'],
  wAsymmetry: 'w_asymmetry',
  outSigma: 'out_sigma',
  vOffset: 'v_offset',
  outNonlinearity: 'out_nl',
  outNonlinearityFactor: 'out_nl_factor',
  y: 'y',
  failed: 'failed',
} as const;

const BATCH = 'batch';

export function mvmPlan(s: MvmSettings): MvmPlan {
  const bm = s.bm !== BoundManagementType.NONE;
  const split = s.mvType !== AnalogMVType.ONE_PASS;
  return {
    scaled: s.nm !== NoiseManagementType.NONE || bm,
    inNoise: s.inpNoise > 0,
    inRound: s.inpStoRound && s.inpStep > 0,
    passes: split ? 2 : 1,
    stages: s.mvType === AnalogMVType.POS_NEG_SEPARATE_DIGITAL_SUM ? 2 : 1,
    outNoise: s.withOutNoise,
    outRound: s.outStoRound && s.outStep > 0,
    weightNoise: s.wNoiseType !== WeightNoiseType.NONE,
    boundTest: bm && Number.isFinite(s.outBound),
  };
}

/** The graph of a bare MAC scaled by `outScale`: a perfect MVM, or the MAC the host stages surround. */
export function macGraphSpec(direction: MvmDirection, rows: number, cols: number, outScale: number): MvmGraphSpec {
  return { direction, rows, cols, settings: null, outScale, perOutputNoise: false, readAsymmetry: false };
}

/** A cache key that identifies the graph of `spec`. */
export function mvmGraphKey(spec: MvmGraphSpec): string {
  return `mvm:${JSON.stringify(spec)}`;
}

/**
 * The analog MVM of one pass over a batch as an ONNX graph, in the reference's float32 order:
 * DAC stage (`x scale` -> quantise -> clip -> + input noise -> input asymmetry), MAC (one pass,
 * or negative and positive inputs separately), IR drop, voltage offsets / series resistance and
 * weight noise, ADC stage (non-linearity -> output asymmetry -> + output noise -> quantise ->
 * bound test -> clip), then `x factor`. Random numbers come in as inputs drawn on the host
 * (normals already scaled by their sigma, see feedNormalNoise; uniform rounding offsets), so the
 * graph holds no random node. Forward computes `x W^T` (Gemm with transB), backward `d W`.
 */
export function buildMvmGraph(spec: MvmGraphSpec): Uint8Array {
  return new MvmGraphWriter(spec).build();
}

class MvmGraphWriter {
  private readonly g: GraphBuilder;
  private readonly inSize: number;
  private readonly outSize: number;
  private readonly absWeights = new Map<string, string>();

  constructor(private readonly spec: MvmGraphSpec) {
    this.g = new GraphBuilder(`${spec.direction}-mvm`);
    this.inSize = spec.direction === 'forward' ? spec.cols : spec.rows;
    this.outSize = spec.direction === 'forward' ? spec.rows : spec.cols;
  }

  build(): Uint8Array {
    const { g, spec } = this;
    const x = g.input(MVM_IO.x, [BATCH, this.inSize]);
    const w = g.input(MVM_IO.weights, [spec.rows, spec.cols]);
    const s = spec.settings;
    if (!s) {
      const y = this.mac(x, w);
      g.output(MVM_IO.y, spec.outScale === 1 ? y : g.op('Mul', [y, g.scalar(spec.outScale)]), [BATCH, this.outSize]);
      return g.build();
    }
    const plan = mvmPlan(s);
    const v = this.inputStage(x, s, plan);
    let y: string;
    let failed: string | null = null;
    if (s.mvType === AnalogMVType.ONE_PASS) {
      ({ y, failed } = this.outputStage(this.pass(v, w, 0, s), 0, s, plan));
    } else {
      const negW = spec.readAsymmetry ? g.op('Mul', [w, g.input(MVM_IO.wAsymmetry, [spec.rows, spec.cols])]) : w;
      const vNeg = g.op('Min', [v, g.scalar(0)]);
      const vPos = g.op('Max', [v, g.scalar(0)]);
      const yNeg = this.pass(vNeg, negW, 0, s);
      const yPos = this.pass(vPos, w, 1, s);
      if (plan.stages === 2) {
        const neg = this.outputStage(yNeg, 0, s, plan);
        const pos = this.outputStage(yPos, 1, s, plan);
        y = g.op('Add', [pos.y, neg.y]);
        failed = neg.failed && pos.failed ? g.op('Or', [neg.failed, pos.failed]) : null;
      } else {
        ({ y, failed } = this.outputStage(g.op('Add', [yPos, yNeg]), 0, s, plan));
      }
    }
    if (plan.scaled) y = g.op('Mul', [y, g.input(MVM_IO.factor, [BATCH, 1])]);
    else if (s.outScale !== 1) y = g.op('Mul', [y, g.scalar(s.outScale)]);
    g.output(MVM_IO.y, y, [BATCH, this.outSize]);
    if (failed) g.output(MVM_IO.failed, failed, [BATCH, 1], 'bool');
    return g.build();
  }

  /** `V W^T` forward, `V W` backward (W is rows x cols). */
  private mac(v: string, w: string): string {
    return this.spec.direction === 'forward' ? this.g.op('Gemm', [v, w], { transB: 1 }) : this.g.op('MatMul', [v, w]);
  }

  private inputStage(x: string, s: MvmSettings, plan: MvmPlan): string {
    const g = this.g;
    let v = plan.scaled ? g.op('Mul', [x, g.input(MVM_IO.scale, [BATCH, 1])]) : x;
    if (s.inpStep > 0) v = this.quantize(v, s.inpStep, plan.inRound ? g.input(MVM_IO.inRound, [BATCH, this.inSize]) : null);
    if (Number.isFinite(s.inpBound)) v = g.op('Clip', [v, g.scalar(-s.inpBound), g.scalar(s.inpBound)]);
    if (plan.inNoise) v = g.op('Add', [v, g.input(MVM_IO.inNoise, [BATCH, this.inSize])]);
    if (s.inpAsymmetry !== 0) v = this.scaleNegatives(v, 1 - s.inpAsymmetry);
    return v;
  }

  /** One analog pass: MAC plus the non-idealities, in place of `analog-mv`'s pass. */
  private pass(v: string, w: string, index: 0 | 1, s: MvmSettings): string {
    const g = this.g;
    let y = this.mac(v, w);
    if (s.irDrop > 0) {
      const current = this.mac(g.op('Abs', [v]), this.abs(w));
      const ramp = new Float32Array(this.inSize);
      for (let j = 0; j < this.inSize; j++) {
        const p = 1 - j / this.inSize;
        ramp[j] = 1 - p * p;
      }
      const drop = this.mac(g.op('Mul', [v, g.floats(ramp, [this.inSize])]), w);
      const a = g.op('Mul', [current, g.scalar(this.inSize / s.irDropGRatio)]);
      const inner = g.op('Add', [g.op('Mul', [a, g.op('Sub', [g.op('Mul', [a, g.scalar(0.05)]), g.scalar(0.2)])]), g.scalar(0.5)]);
      const c = g.op('Mul', [a, inner]);
      y = g.op('Sub', [y, g.op('Mul', [g.op('Mul', [c, g.scalar(s.irDrop)]), drop])]);
    }
    if (s.hasVoltageOffsets) y = this.voltageOffsets(v, y, s);
    if (s.wNoiseType !== WeightNoiseType.NONE) {
      const noise = g.input(MVM_IO.weightNoise[index], [BATCH, this.outSize]);
      let std: string;
      if (s.wNoiseType === WeightNoiseType.ADDITIVE_CONSTANT) {
        std = g.op('Sqrt', [g.op('ReduceSumSquare', [v], { axes: [1], keepdims: 1 })]);
      } else {
        std = g.op('Sqrt', [this.mac(g.op('Mul', [v, v]), this.abs(w))]);
      }
      y = g.op('Add', [y, g.op('Mul', [g.op('Mul', [std, g.scalar(s.wNoise)]), noise])]);
    }
    return y;
  }

  private voltageOffsets(v: string, y: string, s: MvmSettings): string {
    const g = this.g;
    const o = g.input(MVM_IO.vOffset, [this.outSize]);
    const oneMinus = g.op('Sub', [g.scalar(1), o]);
    // `scaled / (1 + r_series |value|)`: the series resistance compresses by the unscaled value.
    const compress = (scaled: string, value: string) =>
      s.rSeries > 0 ? g.op('Div', [scaled, g.op('Add', [g.scalar(1), g.op('Mul', [g.op('Abs', [value]), g.scalar(s.rSeries)])])]) : scaled;
    if (s.vOffsetWMin === 0) return compress(g.op('Mul', [oneMinus, y]), y);
    const yRef = g.op('Mul', [g.op('ReduceSum', [v, g.int64s([1])], { keepdims: 1 }), g.scalar(-s.vOffsetWMin)]);
    if (s.rSeries > 0) {
      const yPos = g.op('Add', [y, yRef]);
      return g.op('Sub', [compress(g.op('Mul', [oneMinus, yPos]), yPos), g.op('Mul', [g.op('Add', [g.scalar(1), o]), compress(yRef, yRef)])]);
    }
    return g.op('Sub', [g.op('Mul', [y, oneMinus]), g.op('Mul', [g.op('Mul', [o, g.scalar(2)]), yRef])]);
  }

  /** The ADC stage of one output vector; `failed` is its bound test when bound management runs. */
  private outputStage(y: string, stage: 0 | 1, s: MvmSettings, plan: MvmPlan): { y: string; failed: string | null } {
    const g = this.g;
    if (s.hasNLCalibration) {
      const nl = g.input(MVM_IO.outNonlinearity, [this.outSize]);
      const f = stage === 0 ? g.input(MVM_IO.outNonlinearityFactor, [1]) : MVM_IO.outNonlinearityFactor;
      y = g.op('Div', [g.op('Mul', [y, f]), g.op('Add', [g.op('Abs', [g.op('Mul', [nl, y])]), g.scalar(1)])]);
    }
    if (s.outAsymmetry > 0) y = this.scaleNegatives(y, 1 - s.outAsymmetry);
    if (plan.outNoise) {
      let noise = g.input(MVM_IO.outNoise[stage], [BATCH, this.outSize]);
      if (this.spec.perOutputNoise) noise = g.op('Mul', [noise, stage === 0 ? g.input(MVM_IO.outSigma, [this.outSize]) : MVM_IO.outSigma]);
      y = g.op('Add', [y, noise]);
    }
    if (s.outStep > 0) y = this.quantize(y, s.outStep, plan.outRound ? g.input(MVM_IO.outRound[stage], [BATCH, this.outSize]) : null);
    let failed: string | null = null;
    if (plan.boundTest) {
      // An output above the bound (or below -bound when that is tested too) fails the sample.
      const tested = s.bmTestNegativeBound ? g.op('Abs', [y]) : y;
      failed = g.op('Greater', [g.op('ReduceMax', [tested], { axes: [1], keepdims: 1 }), g.scalar(s.outBound)]);
    }
    if (Number.isFinite(s.outBound)) y = g.op('Clip', [y, g.scalar(-s.outBound), g.scalar(s.outBound)]);
    return { y, failed };
  }

  /** `rint(fl32(v / step) [+ u]) * step`: ONNX Round rounds half to even, as the reference. */
  private quantize(v: string, step: number, offsets: string | null): string {
    const g = this.g;
    let q = g.op('Div', [v, g.scalar(step)]);
    if (offsets) q = g.op('Add', [q, offsets]);
    return g.op('Mul', [g.op('Round', [q]), g.scalar(step)]);
  }

  private scaleNegatives(v: string, factor: number): string {
    const g = this.g;
    return g.op('Where', [g.op('Less', [v, g.scalar(0)]), g.op('Mul', [v, g.scalar(factor)]), v]);
  }

  private abs(w: string): string {
    let abs = this.absWeights.get(w);
    if (!abs) {
      abs = this.g.op('Abs', [w]);
      this.absWeights.set(w, abs);
    }
    return abs;
  }
}
