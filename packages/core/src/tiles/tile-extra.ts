import { TileStateError } from '../errors.js';
import { cloneTileState, type TileState } from '../backends/tile-state.js';
import type { RandomSource } from '../random/random-source.js';

/** The tile state beyond weights and hidden parameters (aihwkit's `dump_extra`), as plain JSON. */
export interface TileExtra {
  version: 1;
  rng_state: number[];
  learning_rate: number;
  mapping_scales: number[] | null;
  /** Tile-level kernel state: drift clocks, noise-management running values, drawn forward/backward parameters. */
  aux: Record<string, number[]>;
  /** An inference tile's weight-modifier copy (the weights its training forward uses), when it has one. */
  modified_weights?: number[];
}

const KNOWN_KEYS = new Set(['version', 'rng_state', 'learning_rate', 'mapping_scales', 'aux', 'modified_weights']);

export function dumpTileExtra(state: TileState, rng: RandomSource, learningRate: number, scales: Float32Array | null): TileExtra {
  const aux: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(state.aux)) aux[k] = Array.from(v);
  return {
    version: 1,
    rng_state: rng.getState(),
    learning_rate: learningRate,
    mapping_scales: scales ? Array.from(scales) : null,
    aux,
  };
}

export interface LoadedExtra {
  state: TileState;
  rngState: number[];
  learningRate: number;
  mappingScales: Float32Array | null;
}

/**
 * Validates `extra` completely against the tile before anything is applied. With `strict`,
 * unknown keys are errors; otherwise they are ignored.
 */
export function loadTileExtra(extra: TileExtra, current: TileState, strict: boolean, outSize: number): LoadedExtra {
  const fail = (msg: string): never => {
    throw new TileStateError(`Cannot load tile extra state: ${msg}`);
  };
  if (extra === null || typeof extra !== 'object') fail('expected the object returned by dumpExtra().');
  const unknown = Object.keys(extra).filter((k) => !KNOWN_KEYS.has(k));
  if (strict && unknown.length) fail(`unknown keys ${unknown.join(', ')} (load with strict=false to ignore them).`);
  if (extra.version !== 1) fail(`unsupported version ${String(extra.version)}; this analogkit reads version 1.`);
  if (!Array.isArray(extra.rng_state) || extra.rng_state.length !== 6 || !extra.rng_state.every(Number.isFinite)) {
    fail('rng_state must be 6 finite numbers.');
  }
  if (!(Number.isFinite(extra.learning_rate) && extra.learning_rate >= 0)) fail('learning_rate must be a finite number >= 0.');
  let scales: Float32Array | null = null;
  if (extra.mapping_scales !== null) {
    if (!Array.isArray(extra.mapping_scales) || extra.mapping_scales.length !== outSize || !extra.mapping_scales.every((v) => Number.isFinite(v) && v > 0)) {
      fail(`mapping_scales must be null or ${outSize} finite positive numbers.`);
    }
    scales = Float32Array.from(extra.mapping_scales);
  }
  if (extra.aux === null || typeof extra.aux !== 'object') fail('aux must be an object of number arrays.');
  const modified = extra.modified_weights;
  if (modified !== undefined && (!Array.isArray(modified) || modified.length !== current.weights.length || !modified.every(Number.isFinite))) {
    fail(`modified_weights must be ${current.weights.length} finite numbers when present.`);
  }
  const state = cloneTileState(current);
  for (const [key, values] of Object.entries(extra.aux)) {
    if (!Array.isArray(values) || !values.every(Number.isFinite)) fail(`aux "${key}" must be an array of finite numbers.`);
    const existing = current.aux[key];
    if (existing && existing.length !== values.length) fail(`aux "${key}" has ${values.length} values, the tile has ${existing.length}.`);
    state.aux[key] = Float32Array.from(values);
  }
  if (strict) {
    const missing = Object.keys(current.aux).filter((k) => !(k in extra.aux));
    if (missing.length) fail(`missing aux entries ${missing.join(', ')}.`);
  }
  return { state, rngState: [...extra.rng_state], learningRate: extra.learning_rate, mappingScales: scales };
}
