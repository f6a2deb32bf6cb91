import { Tensor } from '@analogkit/core';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StateDict } from '../state-dict.js';
import { CheckpointError } from './checkpoint-error.js';
import { readStateFile } from './read-state-file.js';
import { writeStateFile } from './write-state-file.js';

// Injects disk failures into the file handles writeStateFile opens.
const failure = vi.hoisted(() => ({ mode: 'none' as 'none' | 'sync' | 'partial-write' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    if (failure.mode === 'sync') {
      handle.sync = () => Promise.reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    }
    if (failure.mode === 'partial-write') {
      const original = handle.writeFile.bind(handle);
      handle.writeFile = async (data) => {
        await original((data as Uint8Array).subarray(0, 10));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
    }
    return handle;
  };
  return { ...actual, open };
});

let directory: string;
beforeEach(async () => {
  failure.mode = 'none';
  directory = await mkdtemp(join(tmpdir(), 'analogkit-state-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const first: StateDict = { weight: new Tensor([1, 2, 3, 4], [2, 2]), config: { name: 'first' } };
const second: StateDict = { weight: new Tensor([5, 6], [1, 2]), config: { name: 'second' } };

async function expectRejectsWith(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(CheckpointError);
  await expect(promise).rejects.toThrow(message);
}

describe('writeStateFile', () => {
  it('writes a file that readStateFile restores, and replaces an existing one', async () => {
    const path = join(directory, 'model.akstate');
    await writeStateFile(path, first);
    await writeStateFile(path, second);
    const restored = await readStateFile(path);
    expect((restored.weight as Tensor).toArray()).toEqual([5, 6]);
    expect(restored.config).toEqual({ name: 'second' });
    expect(await readdir(directory)).toEqual(['model.akstate']);
  });

  it.each(['sync', 'partial-write'] as const)('leaves the old file intact and no temporary file when the disk fails (%s)', async (mode) => {
    const path = join(directory, 'model.akstate');
    await writeStateFile(path, first);
    const before = await readFile(path);
    failure.mode = mode;
    await expectRejectsWith(writeStateFile(path, second), mode === 'sync' ? /Could not write state file .*EIO/ : /ENOSPC/);
    failure.mode = 'none';
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
    expect(await readdir(directory)).toEqual(['model.akstate']);
  });

  it('leaves the old file intact when a value cannot be stored', async () => {
    const path = join(directory, 'model.akstate');
    await writeStateFile(path, first);
    const before = await readFile(path);
    await expectRejectsWith(writeStateFile(path, { ...second, lr: NaN }), /"lr" is NaN/);
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
    expect(await readdir(directory)).toEqual(['model.akstate']);
  });

  it('removes the temporary file when the rename fails', async () => {
    const path = join(directory, 'taken');
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'x');
    await expectRejectsWith(writeStateFile(path, first), /Could not write state file .*taken/);
    expect(await readdir(directory)).toEqual(['taken']);
  });

  it('says so when the directory does not exist', async () => {
    await expectRejectsWith(writeStateFile(join(directory, 'missing', 'model.akstate'), first), /Could not write state file .*ENOENT/);
  });
});

describe('readStateFile', () => {
  it('says so when the file does not exist', async () => {
    await expectRejectsWith(readStateFile(join(directory, 'nothing.akstate')), /Could not read state file .*ENOENT/);
  });

  it('names the file in validation errors', async () => {
    const path = join(directory, 'junk.akstate');
    await writeFile(path, 'not a state file at all');
    await expectRejectsWith(readStateFile(path), new RegExp(`^${path.replace(/[.\\/]/g, '\\$&')}: the header length field`));
  });
});
