import { KernelError } from '../../errors.js';
import type { MvmDirection } from '../../kernels/kernel-signatures.js';
import { AnalogMVType, BoundManagementType, NoiseManagementType, WeightNoiseType } from '../../parameters/enums.js';
import type { IOParameters } from '../../parameters/io-parameters.js';
import { resolutionStep } from './quantize.js';

/**
 * IOParameters resolved for one direction of one tile, the way aihwkit's
 * `IOMetaParameter::initializeForForward/Backward` prepares them: resolutions become float32
 * steps (0 = off), non-positive bounds become infinite, the backward pass has no bound management.
 */
export interface MvmSettings {
  /** Input length of the MVM (cols forward, rows backward). */
  readonly inSize: number;
  /** Output length of the MVM (rows forward, cols backward). */
  readonly outSize: number;
  readonly mvType: AnalogMVType;

  readonly inpStep: number;
  readonly inpBound: number;
  readonly inpNoise: number;
  readonly inpStoRound: boolean;
  readonly inpAsymmetry: number;

  readonly outStep: number;
  readonly outBound: number;
  readonly outNoise: number;
  /** Whether output noise is added (out_noise > 0 or a per-output std is drawn). */
  readonly withOutNoise: boolean;
  readonly outStoRound: boolean;
  readonly outScale: number;
  readonly outAsymmetry: number;

  readonly nm: NoiseManagementType;
  readonly bm: BoundManagementType;
  readonly nmThres: number;
  readonly nmAssumedWmax: number;
  readonly nmDecay: number;
  readonly maxBmFactor: number;
  readonly maxBmRes: number;
  /** `max_bm_res / inp_step` in float32 (BM stops once the reduction exceeds it); Infinity without input quantisation. */
  readonly bmResLimit: number;
  readonly bmTestNegativeBound: boolean;

  readonly wNoise: number;
  /** The weight-noise type, NONE when w_noise is 0. */
  readonly wNoiseType: WeightNoiseType;
  readonly irDrop: number;
  readonly irDropGRatio: number;
  /** out_nonlinearity > 0 or r_series > 0: the output non-linearity stage runs (hasNLCalibration). */
  readonly hasNLCalibration: boolean;
  /** v_offset_std > 0 or r_series > 0 (hasVoltageOffsets). */
  readonly hasVoltageOffsets: boolean;
  readonly rSeries: number;
  readonly vOffsetWMin: number;
}

/** is_perfect or mv_type IDEAL: `y = out_scale * W x` without any periphery. */
export function isPerfectIO(io: IOParameters): boolean {
  return io.is_perfect || io.mv_type === AnalogMVType.IDEAL;
}

export function resolveMvmSettings(io: IOParameters, direction: MvmDirection, rows: number, cols: number): MvmSettings {
  if (io.mv_type !== AnalogMVType.ONE_PASS && io.mv_type !== AnalogMVType.POS_NEG_SEPARATE && io.mv_type !== AnalogMVType.POS_NEG_SEPARATE_DIGITAL_SUM && io.mv_type !== AnalogMVType.IDEAL) {
    throw new KernelError(`The reference MVM does not implement mv_type ${io.mv_type}; use ONE_PASS, POS_NEG_SEPARATE, POS_NEG_SEPARATE_DIGITAL_SUM or IDEAL.`);
  }
  const inpStep = resolutionStep(io.inp_res, io.inp_bound);
  const outBound = io.out_bound > 0 ? Math.fround(io.out_bound) : Infinity;
  return {
    inSize: direction === 'forward' ? cols : rows,
    outSize: direction === 'forward' ? rows : cols,
    mvType: io.mv_type,
    inpStep,
    inpBound: io.inp_bound > 0 ? Math.fround(io.inp_bound) : Infinity,
    inpNoise: Math.fround(io.inp_noise),
    inpStoRound: io.inp_sto_round,
    inpAsymmetry: Math.fround(io.inp_asymmetry),
    outStep: resolutionStep(io.out_res, io.out_bound),
    outBound,
    outNoise: Math.fround(io.out_noise),
    withOutNoise: io.out_noise > 0 || io.out_noise_std > 0,
    outStoRound: io.out_sto_round,
    outScale: Math.fround(io.out_scale),
    outAsymmetry: Math.fround(io.out_asymmetry),
    nm: io.noise_management,
    bm: direction === 'backward' ? BoundManagementType.NONE : io.bound_management,
    nmThres: io.noise_management === NoiseManagementType.NONE ? 0 : Math.fround(io.nm_thres),
    nmAssumedWmax: Math.fround(io.nm_assumed_wmax),
    nmDecay: Math.fround(io.nm_decay),
    maxBmFactor: io.max_bm_factor,
    maxBmRes: Math.fround(io.max_bm_res),
    bmResLimit: inpStep > 0 ? Math.fround(Math.fround(io.max_bm_res) / inpStep) : Infinity,
    bmTestNegativeBound: io.bm_test_negative_bound,
    wNoise: Math.fround(io.w_noise),
    wNoiseType: io.w_noise > 0 ? io.w_noise_type : WeightNoiseType.NONE,
    irDrop: Math.fround(io.ir_drop),
    irDropGRatio: Math.fround(io.ir_drop_g_ratio),
    hasNLCalibration: io.out_nonlinearity > 0 || io.r_series > 0,
    hasVoltageOffsets: io.v_offset_std > 0 || io.r_series > 0,
    rSeries: Math.fround(Math.max(io.r_series, 0)),
    vOffsetWMin: Math.fround(io.v_offset_w_min),
  };
}
