import { clipToPulsedDeviceBounds, hiddenArray, type PulsedDeviceParameters, type RandomSource, type TileState, XoshiroRandom } from '@analogkit/core';

/** aihwkit's name of the hidden persistent weights of a device with write noise. */
export const PERSISTENT_WEIGHTS = 'persistent_weights';

/** The write-noise std in weight units, `write_noise_std·dw_min` (0 for devices without write noise). */
export function scaledWriteNoise(p: PulsedDeviceParameters): number {
  const std = (p as { write_noise_std?: number }).write_noise_std ?? 0;
  return std > 0 ? std * p.dw_min : 0;
}

/** Whether the device keeps hidden persistent weights (write noise on). */
export function usesPersistentWeights(p: PulsedDeviceParameters): boolean {
  return scaledWriteNoise(p) > 0;
}

/** Redraws every visible weight as `persistent + sigma·ξ`. */
export function refreshVisibleWeights(state: TileState, sigma: number, rng: RandomSource): void {
  const persistent = hiddenArray(state, PERSISTENT_WEIGHTS);
  const w = state.weights;
  for (let k = 0; k < w.length; k++) w[k] = persistent[k]! + sigma * rng.normal();
}

/**
 * Brings weights written from outside into the device range (aihwkit's `onSetWeights`): clips
 * them to the bounds; with write noise they become the persistent weights and, when
 * `apply_write_noise_on_set`, the visible ones get fresh write noise. Without `rng` that noise
 * comes from a generator seeded by the written weights and the device bounds, so writes stay
 * reproducible.
 */
export function applyBoundsOnSet(p: PulsedDeviceParameters, state: TileState, rng?: RandomSource): void {
  clipToPulsedDeviceBounds(state);
  const sigma = scaledWriteNoise(p);
  if (!(sigma > 0)) return;
  hiddenArray(state, PERSISTENT_WEIGHTS).set(state.weights);
  if ((p as { apply_write_noise_on_set?: boolean }).apply_write_noise_on_set === false) return;
  refreshVisibleWeights(state, sigma, rng ?? new XoshiroRandom(writeSeed(state)));
}

/**
 * Runs a time effect on the weights the device changes: the visible weights, or with write noise
 * the persistent ones, after which every visible weight gets fresh write noise (as aihwkit does
 * for decay, diffusion, drift and reset).
 */
export function onDeviceWeights(p: PulsedDeviceParameters, state: TileState, rng: RandomSource, effect: (s: TileState) => void): void {
  const sigma = scaledWriteNoise(p);
  if (!(sigma > 0)) {
    effect(state);
    return;
  }
  effect({ ...state, weights: hiddenArray(state, PERSISTENT_WEIGHTS) });
  refreshVisibleWeights(state, sigma, rng);
}

/** FNV-1a over the bits of the weights and the upper bounds. */
function writeSeed(state: TileState): number {
  let h = 0x811c9dc5;
  for (const a of [state.weights, hiddenArray(state, 'max_bound')]) {
    const bits = new Uint32Array(a.buffer, a.byteOffset, a.length);
    for (let k = 0; k < bits.length; k++) h = Math.imul(h ^ bits[k]!, 0x01000193) >>> 0;
  }
  return h;
}
