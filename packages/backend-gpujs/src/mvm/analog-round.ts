import { AnalogMVType, BoundManagementType, WeightNoiseType, type MvmParameters, type MvmSettings } from '@analogkit/core';
import { runFlat } from '../run-flat-kernel.js';
import type { MvmKernels } from './mvm-kernels.js';
import { MVM_STREAM, type MvmStreams } from './mvm-streams.js';

/** What one bound-management round needs besides its prepared inputs. */
export interface AnalogRoundContext {
  readonly kernels: MvmKernels;
  readonly settings: MvmSettings;
  readonly params: MvmParameters;
  readonly streams: MvmStreams;
  /** The weights the passes read (original orientation; the kernels stride for the direction). */
  readonly weights: Float32Array;
  /** What the negative-input pass reads: `weights * w_asymmetry`, or `weights`. */
  readonly negWeights: Float32Array;
}

export interface RoundResult {
  /** n x outSize, clipped to the output bound. */
  y: Float32Array;
  /** The bound test of each sample (1 passed). */
  passed: Uint8Array;
}

/**
 * One analog MVM round over the prepared inputs V (n x inSize) of the samples `samples`, by
 * mv_type (reference `AnalogMv.run`): ONE_PASS; POS_NEG_SEPARATE (negative and positive passes
 * summed in analog, one ADC stage); POS_NEG_SEPARATE_DIGITAL_SUM (an ADC stage per pass, summed
 * digitally, both passes tested).
 */
export async function runAnalogRound(ctx: AnalogRoundContext, V: Float32Array, samples: Float32Array, round: number): Promise<RoundResult> {
  const n = samples.length;
  const { mvType } = ctx.settings;
  if (mvType === AnalogMVType.ONE_PASS) {
    const raw = await analogPass(ctx, ctx.weights, V, samples, 0, round, 0);
    return clipOutputs(ctx.settings, await outputStage(ctx, raw, null, samples, round, 0), n);
  }
  const neg = await analogPass(ctx, ctx.negWeights, V, samples, -1, round, 0);
  const pos = await analogPass(ctx, ctx.weights, V, samples, 1, round, 1);
  if (mvType === AnalogMVType.POS_NEG_SEPARATE) {
    return clipOutputs(ctx.settings, await outputStage(ctx, pos, neg, samples, round, 0), n);
  }
  const negOut = clipOutputs(ctx.settings, await outputStage(ctx, neg, null, samples, round, 0), n);
  const posOut = clipOutputs(ctx.settings, await outputStage(ctx, pos, null, samples, round, 1), n);
  const y = posOut.y;
  for (let m = 0; m < y.length; m++) y[m] = y[m]! + negOut.y[m]!;
  for (let k = 0; k < n; k++) posOut.passed[k] = posOut.passed[k]! & negOut.passed[k]!;
  return posOut;
}

async function analogPass(
  ctx: AnalogRoundContext,
  weights: Float32Array,
  V: Float32Array,
  samples: Float32Array,
  part: number,
  round: number,
  pass: number,
): Promise<Float32Array> {
  const s = ctx.settings;
  const length = samples.length * s.outSize;
  const nonIdeal = s.irDrop > 0 || s.hasVoltageOffsets || s.wNoiseType !== WeightNoiseType.NONE;
  if (!nonIdeal) return part === 0 ? runFlat(ctx.kernels.mac(), length, [weights, V]) : runFlat(ctx.kernels.partMac(), length, [weights, V, part]);
  const wNoise = s.wNoiseType !== WeightNoiseType.NONE;
  const wNoiseType = s.wNoiseType === WeightNoiseType.ADDITIVE_CONSTANT ? 1 : s.wNoiseType === WeightNoiseType.PCM_READ ? 2 : 0;
  return runFlat(ctx.kernels.nonIdealPass(), length, [
    weights,
    V,
    part,
    s.irDrop,
    Math.fround(s.inSize / s.irDropGRatio),
    s.hasVoltageOffsets ? 1 : 0,
    ctx.params.vOffset ?? new Float32Array(s.outSize),
    s.rSeries,
    s.vOffsetWMin,
    wNoiseType,
    s.wNoise,
    ctx.streams.keys(round, pass, MVM_STREAM.weightNoiseA, samples, wNoise),
    ctx.streams.keys(round, pass, MVM_STREAM.weightNoiseB, samples, wNoise),
  ]);
}

async function outputStage(
  ctx: AnalogRoundContext,
  y1: Float32Array,
  y2: Float32Array | null,
  samples: Float32Array,
  round: number,
  pass: number,
): Promise<Float32Array> {
  const s = ctx.settings;
  const p = ctx.params;
  const nonlinearity = s.hasNLCalibration ? p.outNonlinearity : null;
  const noise = s.withOutNoise;
  return runFlat(ctx.kernels.outputStage(), samples.length * s.outSize, [
    y1,
    y2 ?? y1,
    y2 ? 1 : 0,
    nonlinearity ? 1 : 0,
    nonlinearity ?? new Float32Array(s.outSize),
    p.outNonlinearityFactor,
    s.outAsymmetry > 0 ? 1 : 0,
    Math.fround(1 - s.outAsymmetry),
    noise ? 1 : 0,
    s.outNoise,
    p.outNoiseValues ? 1 : 0,
    p.outNoiseValues ?? new Float32Array(s.outSize),
    s.outStep,
    s.outStoRound ? 1 : 0,
    ctx.streams.keys(round, pass, MVM_STREAM.outputUniform, samples, s.outStep > 0 && s.outStoRound),
    ctx.streams.keys(round, pass, MVM_STREAM.outputNormalA, samples, noise),
    ctx.streams.keys(round, pass, MVM_STREAM.outputNormalB, samples, noise),
  ]);
}

/**
 * Clips the outputs to +-out_bound in place and runs the bound test per sample: failed when an
 * output was above the bound, or below it with bm_test_negative_bound; every output is tested
 * (SPEC §11.3). Without bound management every sample passes.
 */
function clipOutputs(s: MvmSettings, y: Float32Array, n: number): RoundResult {
  const passed = new Uint8Array(n);
  const bound = s.outBound;
  const testBounds = s.bm !== BoundManagementType.NONE;
  for (let k = 0; k < n; k++) {
    let ok = true;
    for (let m = k * s.outSize, end = m + s.outSize; m < end; m++) {
      const v = y[m]!;
      if (v > bound) {
        y[m] = bound;
        ok = false;
      } else if (v < -bound) {
        y[m] = -bound;
        if (s.bmTestNegativeBound) ok = false;
      }
    }
    passed[k] = ok || !testBounds ? 1 : 0;
  }
  return { y, passed };
}
