import type { Checkpointable } from '../state-dict.js';
import { readStateFile } from './read-state-file.js';
import { writeStateFile } from './write-state-file.js';

export type LoadCheckpointOptions = NonNullable<Parameters<Checkpointable['loadStateDict']>[1]>;

/** Saves the model's whole state dict to one file, atomically. */
export async function saveCheckpoint(path: string, model: Checkpointable): Promise<void> {
  await writeStateFile(path, await model.stateDict());
}

/**
 * Restores a model from a checkpoint file. The file is read and validated completely before the
 * model is touched, so a missing or corrupt file throws CheckpointError and changes nothing.
 */
export async function loadCheckpoint(path: string, model: Checkpointable, options: LoadCheckpointOptions = {}): Promise<void> {
  const dict = await readStateFile(path);
  await model.loadStateDict(dict, options);
}
