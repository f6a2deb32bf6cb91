import type { TileState } from '../../backends/tile-state.js';
import type { RandomSource } from '../../random/random-source.js';

/**
 * Decay of a floating-point device (aihwkit `RPUSimple` / `SimpleRPUDevice::decayWeights`):
 * `w *= 1 - alpha/lifetime`, only when lifetime > 1 and the factor lies in (0, 1).
 */
export function floatingPointDecay(lifetime: number, state: TileState, alpha: number): void {
  if (!(lifetime > 1)) return;
  const scale = 1 - alpha / lifetime;
  if (!(scale > 0 && scale < 1)) return;
  const w = state.weights;
  for (let i = 0; i < w.length; i++) w[i] = w[i]! * scale;
}

/** Diffusion of a floating-point device: `w += diffusion * xi` without bounds, when diffusion > 0. */
export function floatingPointDiffuse(diffusion: number, state: TileState, rng: RandomSource): void {
  if (!(diffusion > 0)) return;
  const w = state.weights;
  for (let i = 0; i < w.length; i++) w[i] = w[i]! + diffusion * rng.normal();
}
