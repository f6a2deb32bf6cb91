import type { TileState } from '../backends/tile-state.js';
import { ConfigError, TileStateError } from '../errors.js';
import type { PulsedDeviceParameters } from '../parameters/pulsed-device-parameters.js';
import type { RandomSource } from '../random/random-source.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';

/** The hidden arrays of every pulsed device, by aihwkit's names and in its order. */
export const PULSED_DEVICE_HIDDEN_NAMES = [
  'max_bound',
  'min_bound',
  'dwmin_up',
  'dwmin_down',
  'decay_scales',
  'diffusion_rates',
  'reset_bias',
  'drift_nu',
] as const;

export type PulsedDeviceHiddenName = (typeof PULSED_DEVICE_HIDDEN_NAMES)[number];

/**
 * Draws the per-device parameters shared by all pulsed devices (aihwkit's
 * `PulsedRPUDevice::populate`), each a row-major rows * cols array. With a non-zero
 * `construction_seed` the draws come from a generator seeded with it instead of `rng`.
 *
 * Drift exponents come first (`nu + nu_dtod·nu·ξ` per device, only when `drift.nu > 0`, else 0).
 * Then, device by device (column by column, rows inner, as the reference loops), with ξ ~ N(0,1):
 * - bounds `w_max(1 + w_max_dtod·ξ)`, `w_min(1 + w_min_dtod·ξ)`;
 * - `gain = 1 + dw_min_dtod·ξ` (`exp(dw_min_dtod·ξ)` when log-normal), `r = up_down_dtod·ξ`,
 *   `dwmin_up = (min(up_down, 0) + gain + r)·dw_min`, `dwmin_down = (-max(up_down, 0) + gain - r)·dw_min`;
 * - `enforce_consistency`: steps made positive, bounds ordered and then `max >= 0 >= min`;
 *   otherwise crossed bounds both become their midpoint;
 * - corrupt devices (probability `corrupt_devices_prob`, a uniform drawn for every device): both
 *   bounds stuck at one uniform value inside the bounds (limited to ±corrupt_devices_range) and
 *   no steps;
 * - `perfect_bias`: the last column gets steps of exactly dw_min and bounds 100·w_min, 100·w_max;
 * - `diffusion_rates = |diffusion(1 + diffusion_dtod·ξ)|`, `reset_bias = reset + reset_dtod·ξ`;
 * - `decay_scales = 1 - 1/t` with `t = lifetime(1 + lifetime_dtod·ξ)` when lifetime > 0 (0 when
 *   t <= 1: one decay moves the weight to its reset bias), and 1 (no decay) when lifetime is 0.
 */
export function samplePulsedDevicePopulation(
  p: PulsedDeviceParameters,
  rows: number,
  cols: number,
  rng: RandomSource,
): Record<PulsedDeviceHiddenName, Float32Array> {
  if (p.w_min > 0 || p.w_max < 0) {
    throw new ConfigError(
      `${p.className}: the interval [w_min, w_max] = [${p.w_min}, ${p.w_max}] must contain 0.`,
      `${p.className}.${p.w_min > 0 ? 'w_min' : 'w_max'}`,
    );
  }
  const r = p.construction_seed !== 0 ? new XoshiroRandom(p.construction_seed) : rng;
  const size = rows * cols;
  const out = Object.fromEntries(PULSED_DEVICE_HIDDEN_NAMES.map((name) => [name, new Float32Array(size)])) as Record<
    PulsedDeviceHiddenName,
    Float32Array
  >;

  const nu = p.drift.nu;
  if (nu > 0) for (let k = 0; k < size; k++) out.drift_nu[k] = nu + p.drift.nu_dtod * nu * r.normal();

  const upBias = p.up_down > 0 ? 0 : p.up_down;
  const downBias = p.up_down > 0 ? -p.up_down : 0;
  const range = Math.abs(p.corrupt_devices_range);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      const k = i * cols + j;
      let bmax = p.w_max * (1 + p.w_max_dtod * r.normal());
      let bmin = p.w_min * (1 + p.w_min_dtod * r.normal());
      const gain = p.dw_min_dtod_log_normal ? Math.exp(p.dw_min_dtod * r.normal()) : 1 + p.dw_min_dtod * r.normal();
      const ud = p.up_down_dtod * r.normal();
      let up = (upBias + gain + ud) * p.dw_min;
      let down = (downBias + gain - ud) * p.dw_min;

      if (p.enforce_consistency) {
        up = Math.abs(up);
        down = Math.abs(down);
        if (bmin > bmax) [bmin, bmax] = [bmax, bmin];
        bmax = Math.abs(bmax);
        bmin = -Math.abs(bmin);
      } else if (bmin > bmax) {
        bmax = bmin = bmax + (bmin - bmax) / 2;
      }

      if (p.corrupt_devices_prob > r.uniform()) {
        const lo = Math.max(Math.min(bmax, bmin), -range);
        const hi = Math.min(Math.max(bmax, bmin), range);
        bmax = bmin = lo + (hi - lo) * r.uniform();
        up = down = 0;
      }

      if (p.perfect_bias && j === cols - 1) {
        up = down = p.dw_min;
        bmin = 100 * p.w_min;
        bmax = 100 * p.w_max;
      }

      out.max_bound[k] = bmax;
      out.min_bound[k] = bmin;
      out.dwmin_up[k] = up;
      out.dwmin_down[k] = down;
      out.diffusion_rates[k] = Math.abs(p.diffusion * (1 + p.diffusion_dtod * r.normal()));
      out.reset_bias[k] = p.reset + p.reset_dtod * r.normal();
      out.decay_scales[k] = p.lifetime > 0 ? decayScale(p.lifetime * (1 + p.lifetime_dtod * r.normal())) : 1;
    }
  }
  return out;
}

function decayScale(lifetime: number): number {
  return lifetime > 1 ? 1 - 1 / lifetime : 0;
}

/** Clips the weights to each device's hidden bounds (`min_bound`, `max_bound`). */
export function clipToPulsedDeviceBounds(state: TileState): void {
  const max = hiddenArray(state, 'max_bound');
  const min = hiddenArray(state, 'min_bound');
  const w = state.weights;
  for (let k = 0; k < w.length; k++) {
    let v = w[k]!;
    if (v > max[k]!) v = max[k]!;
    if (v < min[k]!) v = min[k]!;
    w[k] = v;
  }
}

/** The per-device step sizes and bounds of a pulsed tile (hidden dwmin_up, dwmin_down, max_bound, min_bound). */
export interface PulsedStepArrays {
  readonly up: Float32Array;
  readonly down: Float32Array;
  readonly max: Float32Array;
  readonly min: Float32Array;
}

export function pulsedStepArrays(state: TileState): PulsedStepArrays {
  return {
    up: hiddenArray(state, 'dwmin_up'),
    down: hiddenArray(state, 'dwmin_down'),
    max: hiddenArray(state, 'max_bound'),
    min: hiddenArray(state, 'min_bound'),
  };
}

/** A hidden array of a tile state, checked to exist and to have one value per device. */
export function hiddenArray(state: TileState, name: string): Float32Array {
  const a = state.hidden[name];
  if (!a || a.length !== state.rows * state.cols) {
    throw new TileStateError(
      `The tile state has no hidden array "${name}" of ${state.rows}x${state.cols} values (found ${a ? a.length : 'none'}); sample the device's hidden parameters before using it.`,
    );
  }
  return a;
}
