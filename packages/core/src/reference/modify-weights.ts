import { ConfigError, ShapeError } from '../errors.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';
import { WeightModifierType } from '../parameters/enums.js';
import type { WeightModifierParameter } from '../parameters/weight-modifier-parameter.js';
import type { RandomSource } from '../random/random-source.js';

/** Read time of the PCM 1/f noise (aihwkit `PCM_T_READ`), in seconds. */
const PCM_T_READ = 250e-9;
/** PCM programming-noise polynomial in µS (aihwkit `PCM_P0..P2`, fitted at g_max 25 µS). */
const PCM_P0 = 0.26348;
const PCM_P1 = 1.965;
const PCM_P2 = -1.1731;

/** Rounds half away from zero (C `round`), as aihwkit's modifiers do (not half-even). */
function roundHalfAway(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/**
 * `round(value / res) * res` in float32 with ties away from zero (aihwkit
 * `getDiscretizedValueRound`); stochastic rounding adds U(-1/2, 1/2) before rounding. `res <= 0`
 * leaves the value as it is.
 */
function discretize(value: number, res: number, stoRound: boolean, rng: RandomSource): number {
  if (!(res > 0)) return value;
  let v = Math.fround(value / res);
  if (stoRound) v = Math.fround(v + (rng.uniform() - 0.5));
  return Math.fround(roundHalfAway(v) * res);
}

/** Noise std of the POLY / PROG_NOISE polynomial at `|w| / amax`. */
function polySigma(coeffs: readonly number[], aw: number): number {
  let p = 1;
  let sig = coeffs[0]!;
  for (let k = 1; k < coeffs.length; k++) {
    p *= aw;
    sig += coeffs[k]! * p;
  }
  return sig;
}

/**
 * The weight magnitude the modifier works relative to: `max|W|` over the modified entries when
 * `rel_to_actual_wmax` (1 if that is 0), otherwise `assumed_wmax`. DISCRETIZE_PER_CHANNEL takes
 * it per output row. The kept analog-bias column never counts.
 */
function modifierAmax(
  weights: Float32Array,
  rows: number,
  cols: number,
  modifier: WeightModifierParameter,
  keepBias: boolean,
): Float64Array {
  const perRow = modifier.type === WeightModifierType.DISCRETIZE_PER_CHANNEL;
  const out = new Float64Array(perRow ? rows : 1);
  if (!modifier.rel_to_actual_wmax || modifier.type === WeightModifierType.COPY) return out.fill(modifier.assumed_wmax);
  const used = keepBias ? cols - 1 : cols;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < used; c++) {
      const a = Math.abs(weights[r * cols + c]!);
      const k = perRow ? r : 0;
      if (a > out[k]!) out[k] = a;
    }
  }
  for (let k = 0; k < out.length; k++) if (!(out[k]! > 0)) out[k] = 1;
  return out;
}

/**
 * PCM_NOISE on one weight (aihwkit's CUDA `kernelModifyWeightsPCMNoise`): the weight is mapped to a
 * conductance `g = clip(w, ±amax) g_max / amax` (0 below `pcm_zero_thres * std_dev * P0`),
 * optionally forced to reset / g_max / a random value, then gets programming noise
 * `std_dev (P0 + P1 g_r + P2 g_r^2) xi` (in µS), drift-exponent variation (no mean drift)
 * `(t/t_0)^-|sigma_nu xi|` with `t = pcm_t_inference + pcm_t0` when `pcm_t_inference > 0`, and
 * 1/f read noise `std_dev |g| Q_s sqrt(ln((t + t_read)/(2 t_read))) xi`; the result keeps the
 * sign of the target weight. A zero target stays exactly 0.
 */
function pcmNoise(
  w: number,
  amax: number,
  m: WeightModifierParameter,
  logSqrtFactor: number,
  rng: RandomSource,
): number {
  const gmax = m.g_max;
  const noiseScale = m.std_dev;
  const t0 = m.pcm_t0;
  const t = m.pcm_t_inference + t0;
  let g = (Math.max(Math.min(w, amax), -amax) * gmax) / amax;
  if (!(Math.abs(g) > m.pcm_zero_thres * noiseScale * PCM_P0)) g = 0;
  const negative = g < 0;
  if (m.pcm_prob_at_reset > 0 && rng.uniform() < m.pcm_prob_at_reset) g = 0;
  if (m.pcm_prob_at_gmax > 0) {
    const hit = rng.uniform() < m.pcm_prob_at_gmax;
    const down = rng.uniform() > 0.5;
    if (hit) g = down ? g - gmax : g + gmax;
  }
  if (m.pcm_prob_at_random > 0) {
    const hit = rng.uniform() < m.pcm_prob_at_random;
    const level = rng.uniform() * gmax;
    if (hit) g = g > 0 ? level : -level;
  }
  g = Math.min(Math.max(g, -gmax), gmax);
  if (g === 0) return 0;

  const gRel = Math.abs(g / gmax);
  const sigProg = PCM_P0 + gRel * PCM_P1 + gRel * gRel * PCM_P2;
  const gProg = g + noiseScale * sigProg * rng.normal();
  const gProgRel = Math.abs(gProg / gmax);
  let gDrift = gProg;
  if (t > t0) {
    const sigNu = Math.min(Math.max(-0.0125 * Math.log(Math.max(gProgRel, 1e-6)) - 0.0059, 0.008), 0.045);
    const nu = Math.abs(rng.normal() * sigNu);
    gDrift = gProg * Math.pow(t / t0, -nu);
  }
  let gFinal = gDrift;
  if (t > 0) {
    const qs = Math.min(0.0088 / Math.max(Math.pow(gProgRel, 0.65), 1e-3), 0.2);
    gFinal = gDrift + noiseScale * Math.abs(gDrift) * qs * logSqrtFactor * rng.normal();
  }
  const wFinal = Math.abs((gFinal / gmax) * amax);
  return negative ? -wFinal : wFinal;
}

/**
 * Returns a modified copy of the weights (aihwkit `WeightModifier::apply`; PCM_NOISE as its CUDA
 * version). `amax` is `max|W|` or `assumed_wmax` (see `modifierAmax`); every type then combines
 * with drop-connect (`pdrop`). NONE returns an unmodified copy (aihwkit skips the modifier then,
 * pdrop included); COPY and DROP_CONNECT only drop. With `copy_last_column` and an analog bias the
 * bias column is returned unmodified and does not count in amax.
 */
export function modifyWeights(
  weights: Float32Array,
  rows: number,
  cols: number,
  modifier: WeightModifierParameter,
  rng: RandomSource,
  hasAnalogBias: boolean,
): Float32Array {
  if (weights.length !== rows * cols) {
    throw new ShapeError(`Weights have ${weights.length} entries, expected ${rows}x${cols}.`);
  }
  const out = weights.slice();
  const type = modifier.type;
  if (type === WeightModifierType.NONE) return out;
  if (modifier.per_batch_sample && type !== WeightModifierType.COPY) {
    throw new ConfigError(
      'WeightModifierParameter.per_batch_sample is not supported by the ModifyWeights kernel (one modified copy per step, as in aihwkit\'s C++ tiles); set it to false.',
      'WeightModifierParameter.per_batch_sample',
    );
  }
  const keepBias = modifier.copy_last_column && hasAnalogBias && cols > 0;
  const amaxes = modifierAmax(weights, rows, cols, modifier, keepBias);
  const amax = amaxes[0]!;
  const map = (f: (w: number, i: number) => number): void => {
    for (let i = 0; i < out.length; i++) out[i] = f(out[i]!, i);
  };
  const { res, sto_round: stoRound, std_dev: std, coeffs } = modifier;

  switch (type) {
    case WeightModifierType.COPY:
    case WeightModifierType.DROP_CONNECT:
      break;
    case WeightModifierType.DISCRETIZE:
      if (res > 0) map((w) => Math.fround(amax * discretize(Math.fround(w / amax), res, stoRound, rng)));
      break;
    case WeightModifierType.DISCRETIZE_PER_CHANNEL:
      if (res > 0) {
        map((w, i) => {
          const a = amaxes[Math.floor(i / cols)]!;
          return Math.fround(a * discretize(Math.fround(w / a), res, stoRound, rng));
        });
      }
      break;
    case WeightModifierType.MULT_NORMAL:
      if (std > 0) map((w) => w + w * std * amax * rng.normal());
      break;
    case WeightModifierType.ADD_NORMAL:
      if (std > 0) map((w) => w + std * amax * rng.normal());
      break;
    case WeightModifierType.DISCRETIZE_ADD_NORMAL:
      if (res > 0 || std > 0) {
        map((w) => Math.fround(amax * discretize(Math.fround(w / amax), res, stoRound, rng)) + std * amax * rng.normal());
      }
      break;
    case WeightModifierType.DOREFA:
      if (res > 0) {
        const scale = Math.abs(modifier.dorefa_clip / Math.tanh(amax));
        map((w) => discretize(Math.fround(Math.tanh(w) * scale), res, stoRound, rng));
      }
      break;
    case WeightModifierType.POLY:
      if (std > 0 && coeffs.length > 0) {
        map((w) => w + amax * std * polySigma(coeffs, Math.abs(w) / amax) * rng.normal());
      }
      break;
    case WeightModifierType.PROG_NOISE:
      if (std > 0 && coeffs.length > 0) {
        const s = std / modifier.g_max;
        map((w) => {
          const v = Math.abs(w + amax * s * polySigma(coeffs, Math.abs(w) / amax) * rng.normal());
          return w < 0 ? -v : v;
        });
      }
      break;
    case WeightModifierType.PCM_NOISE: {
      const t = modifier.pcm_t_inference + modifier.pcm_t0;
      const logSqrtFactor = Math.sqrt(Math.log((t + PCM_T_READ) / (2 * PCM_T_READ)));
      map((w) => pcmNoise(w, amax, modifier, logSqrtFactor, rng));
      break;
    }
    default:
      throw new ConfigError(`Unknown weight modifier type ${String(type)}.`, 'WeightModifierParameter.type');
  }

  if (modifier.pdrop > 0) {
    const p = modifier.pdrop;
    map((w) => (rng.uniform() < p ? 0 : w));
  }
  if (keepBias) {
    for (let r = 0; r < rows; r++) out[r * cols + cols - 1] = weights[r * cols + cols - 1]!;
  }
  return out;
}

/** Modifies a copy of the weights (the forward/backward copy); the tile is not touched. */
export const modifyWeightsReference: ReferenceKernel<'ModifyWeights'> = {
  kernelName: 'ModifyWeights',
  mutatesTile: false,
  run(_state, { weights, rows, cols }, { modifier, rng, hasAnalogBias }) {
    return modifyWeights(weights, rows, cols, modifier, rng, hasAnalogBias);
  },
};
