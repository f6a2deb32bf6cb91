import type { TileState } from '../../backends/tile-state.js';
import { KernelError } from '../../errors.js';
import { hiddenArray } from '../pulsed-device-population.js';

/** The tile state a tile kernel was given; throws when the kernel was run without one. */
export function requireTileState(state: TileState | undefined, kernelName: string): TileState {
  if (!state) throw new KernelError(`${kernelName} works on a tile and was run without a tile state.`);
  return state;
}

/** The per-device bounds of a pulsed tile. */
export interface DeviceBounds {
  readonly min: Float32Array;
  readonly max: Float32Array;
}

export function deviceBounds(state: TileState): DeviceBounds {
  return { min: hiddenArray(state, 'min_bound'), max: hiddenArray(state, 'max_bound') };
}

/** `v` clipped to the bounds of device `i` (upper bound first, as aihwkit does). */
export function clipToBounds(v: number, bounds: DeviceBounds, i: number): number {
  const hi = bounds.max[i]!;
  const lo = bounds.min[i]!;
  return Math.max(Math.min(v, hi), lo);
}

/** A numeric field of a parameter object, or `fallback` when the class has no such field. */
export function numericField(params: object, field: string, fallback: number): number {
  const v = (params as Record<string, unknown>)[field];
  return typeof v === 'number' ? v : fallback;
}
