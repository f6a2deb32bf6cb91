import { TileStateError } from '../errors.js';
import type { ProgrammedState } from './noise-model.js';

/*
 * Where an inference tile keeps its programming in `TileState.aux`, so that it travels with the
 * tile state (moves between backends, dumpExtra/loadExtra):
 * - `inference.reference`: the weights programming starts from (cleared by setWeights);
 * - `inference.programmed.<name>`: the noise model's ProgrammedState;
 * - `inference.baseline`: the drift-compensation readout right after programming;
 * - `inference.alpha`: the drift-compensation scale of the last drift (absent means 1).
 */
const PREFIX = 'inference.';
const PROGRAMMED_PREFIX = 'inference.programmed.';
export const INFERENCE_REFERENCE_KEY = 'inference.reference';
export const INFERENCE_BASELINE_KEY = 'inference.baseline';
export const INFERENCE_ALPHA_KEY = 'inference.alpha';

type Aux = Record<string, Float32Array>;

/** The programmed state kept in `aux`, or null when the tile is not programmed. */
export function readProgrammedState(aux: Aux): ProgrammedState | null {
  if (!aux[PROGRAMMED_PREFIX + 'weights']) return null;
  const out: Record<string, Float32Array> = {};
  for (const [key, values] of Object.entries(aux)) if (key.startsWith(PROGRAMMED_PREFIX)) out[key.slice(PROGRAMMED_PREFIX.length)] = values;
  return out as ProgrammedState;
}

/** Replaces the programmed state in `aux` (the baseline and alpha of an earlier programming go too). */
export function writeProgrammedState(aux: Aux, reference: Float32Array, programmed: ProgrammedState): void {
  clearInferenceAux(aux);
  aux[INFERENCE_REFERENCE_KEY] = reference;
  for (const [name, values] of Object.entries(programmed)) aux[PROGRAMMED_PREFIX + name] = Float32Array.from(values);
}

/** Drops everything programming stored. */
export function clearInferenceAux(aux: Aux): void {
  for (const key of Object.keys(aux)) if (key.startsWith(PREFIX)) delete aux[key];
}

/** Checks that what `noiseModel.program` returned fits a tile of rows x cols. */
export function checkProgrammedState(programmed: ProgrammedState, size: number, kind: string): void {
  if (!(programmed.weights instanceof Float32Array)) {
    throw new TileStateError(`Noise model "${kind}" returned a programmed state without "weights"; its program() must return the programmed weights under "weights".`);
  }
  for (const [name, values] of Object.entries(programmed)) {
    if (!(values instanceof Float32Array) || values.length !== size) {
      throw new TileStateError(`Noise model "${kind}" returned programmed "${name}" with ${values?.length ?? 0} values; every programmed array needs ${size} (rows x cols).`);
    }
  }
}

/**
 * Checks the inference entries of a dumped extra state against a tile before it is loaded:
 * lengths, and that a programmed state comes with its reference weights.
 */
export function checkExtraInferenceAux(aux: unknown, size: number, outSize: number): void {
  const fail = (msg: string): never => {
    throw new TileStateError(`Cannot load tile extra state: ${msg}`);
  };
  if (aux === null || typeof aux !== 'object') return;
  const entries = aux as Record<string, unknown>;
  const keys = Object.keys(entries).filter((k) => k.startsWith(PREFIX));
  if (keys.length === 0) return;
  if (!entries[PROGRAMMED_PREFIX + 'weights'] || !entries[INFERENCE_REFERENCE_KEY]) {
    fail(`inference entries (${keys.join(', ')}) need both ${INFERENCE_REFERENCE_KEY} and ${PROGRAMMED_PREFIX}weights.`);
  }
  for (const key of keys) {
    const values = entries[key];
    if (!Array.isArray(values)) fail(`aux "${key}" must be an array of numbers.`);
    const n = (values as unknown[]).length;
    const perTile = key === INFERENCE_BASELINE_KEY || key === INFERENCE_ALPHA_KEY;
    if (perTile ? n !== 1 && n !== outSize : n !== size) {
      fail(`aux "${key}" has ${n} values; it needs ${perTile ? `1 or ${outSize}` : size}.`);
    }
  }
}
