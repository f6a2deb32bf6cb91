import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { StateDict } from '../state-dict.js';
import { CheckpointError } from './checkpoint-error.js';
import { encodeStateFile } from './encode-state-file.js';

/** Makes a finished rename durable; some platforms (Windows) cannot open or sync a directory, which is fine to skip there. */
async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // best effort: the file itself is already synced
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `dict` to `path` atomically: the bytes go to a temporary file beside the target, are
 * fsynced, and replace the target by rename, so a reader sees the old file or the new one, never
 * half of either. On any failure the temporary file is removed and the old file is untouched.
 */
export async function writeStateFile(path: string, dict: StateDict): Promise<void> {
  const bytes = encodeStateFile(dict);
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CheckpointError(`Could not write state file ${path}: ${(error as Error).message}`, { cause: error });
  }
  await syncDirectory(directory);
}
