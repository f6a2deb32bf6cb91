import { readFile } from 'node:fs/promises';
import type { StateDict } from '../state-dict.js';
import { CheckpointError } from './checkpoint-error.js';
import { decodeStateFile } from './decode-state-file.js';

/** Reads and fully validates the state file at `path`; throws CheckpointError if it is missing, unreadable or corrupt. */
export async function readStateFile(path: string): Promise<StateDict> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CheckpointError(`Could not read state file ${path}: ${(error as Error).message}`, { cause: error });
  }
  return decodeStateFile(bytes, path);
}
