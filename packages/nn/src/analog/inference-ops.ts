import { InferenceTile } from '@analogkit/core';
import { ModuleError } from '../errors.js';
import type { Module } from '../module.js';

async function inferenceTiles(module: Module, what: string): Promise<InferenceTile[]> {
  if (module.training) {
    throw new ModuleError(`${what} needs evaluation mode (as in aihwkit): call model.eval() first.`);
  }
  await module.ready();
  return module.analogTiles().filter((t): t is InferenceTile => t instanceof InferenceTile);
}

/** Programs every inference tile of `module` once through its noise model. */
export async function programAnalogWeights(module: Module): Promise<void> {
  for (const tile of await inferenceTiles(module, 'programAnalogWeights()')) await tile.programWeights();
}

/** Drifts every inference tile of `module` to `tInference` seconds after programming (programming first if needed). */
export async function driftAnalogWeights(module: Module, tInference: number): Promise<void> {
  for (const tile of await inferenceTiles(module, 'driftAnalogWeights()')) await tile.driftWeights(tInference);
}
