import { TileStateError, type TileState } from '@analogkit/core';

/*
 * Compound counters in the tile's aux (so that they move, dump and load with the tile). Aux arrays
 * are float32, exact only up to 2^24, so a counter is stored as two parts: [n mod 2^24, floor(n / 2^24)].
 */

/** The vector update counter (aihwkit's current_update_idx_). */
export const UPDATE_COUNT = 'update.count';
/** The device receiving the updates (aihwkit's current_device_idx_), written by tile.setHiddenUpdateIndex. */
export const HIDDEN_INDEX = 'update.hidden_index';

const PART = 2 ** 24;

export function readCount(state: TileState, key: string): number {
  const a = state.aux[key];
  return a && a.length === 2 ? a[0]! + a[1]! * PART : 0;
}

export function writeCount(state: TileState, key: string, n: number): void {
  let a = state.aux[key];
  if (!a || a.length !== 2) {
    a = new Float32Array(2);
    state.aux[key] = a;
  }
  a[0] = n % PART;
  a[1] = Math.floor(n / PART);
}

/** An aux array of `length` values, created with `initial` when missing or of another length. */
export function auxArray(state: TileState, key: string, length: number, initial = 0): Float32Array {
  let a = state.aux[key];
  if (!a || a.length !== length) {
    a = new Float32Array(length).fill(initial);
    state.aux[key] = a;
  }
  return a;
}

/** Throws unless the hidden update index names one of `n` devices. */
export function checkHiddenIndex(index: number, n: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new TileStateError(`The hidden update index is ${index} but the compound has ${n} devices; set it to an integer in [0, ${n - 1}].`);
  }
}

/**
 * The aux of a read (or refresh) MVM of a compound: its drawn MVM parameters live in the tile's aux
 * under `prefix` (e.g. `transfer_io.forward.out_noise_values`) and are drawn on first use.
 */
export function prefixedAux(state: TileState, prefix: string): Record<string, Float32Array> {
  const aux: Record<string, Float32Array> = {};
  for (const [key, values] of Object.entries(state.aux)) if (key.startsWith(prefix)) aux[key.slice(prefix.length)] = values;
  return aux;
}

export function commitPrefixedAux(state: TileState, prefix: string, aux: Record<string, Float32Array>): void {
  for (const [key, values] of Object.entries(aux)) state.aux[prefix + key] = values;
}
