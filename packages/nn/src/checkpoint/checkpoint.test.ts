import { Tensor } from '@analogkit/core';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpointable, StateDict } from '../state-dict.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { CheckpointError } from './checkpoint-error.js';

/** A model stand-in that hands out a fixed state and records every load. */
class FakeModel implements Checkpointable {
  loads: Array<{ dict: StateDict; options: unknown }> = [];
  constructor(private readonly state: StateDict) {}
  async stateDict(): Promise<StateDict> {
    return this.state;
  }
  async loadStateDict(dict: StateDict, options?: { strict?: boolean; loadRpuConfig?: boolean }): Promise<void> {
    this.loads.push({ dict, options });
  }
}

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'analogkit-checkpoint-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const state: StateDict = {
  'analog_module.shared_weights': new Tensor([0.25, -0.5, NaN, Infinity, -Infinity, 1e-40], [2, 3]),
  'analog_module.analog_tile_hidden_parameters.max_bound': new Tensor([0.6, 0.6, 0.61, 0.59, 0.6, 0.6], [2, 3]),
  'analog_module.rpu_config': { class: 'SingleRPUConfig', device: { class: 'ConstantStepDevice', dw_min: 0.001 } },
  'analog_module.analog_tile_extra': { rng: [1, 2, 3, 4, 0, 0], drift: { t: 0 } },
};

describe('saveCheckpoint / loadCheckpoint', () => {
  it('hands the saved state back to loadStateDict exactly, with the options', async () => {
    const path = join(directory, 'model.akstate');
    await saveCheckpoint(path, new FakeModel(state));
    const target = new FakeModel({});
    await loadCheckpoint(path, target, { strict: false, loadRpuConfig: true });
    expect(target.loads).toHaveLength(1);
    const [{ dict, options }] = target.loads as [{ dict: StateDict; options: unknown }];
    expect(options).toEqual({ strict: false, loadRpuConfig: true });
    expect(Object.keys(dict)).toEqual(Object.keys(state));
    for (const [key, value] of Object.entries(state)) {
      if (value instanceof Tensor) {
        const back = dict[key] as Tensor;
        expect(back.shape).toEqual(value.shape);
        expect(new Uint32Array(back.data.buffer)).toEqual(new Uint32Array(value.data.buffer));
      } else {
        expect(dict[key]).toEqual(value);
      }
    }
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 1)],
    ['with trailing bytes', (bytes: Buffer) => Buffer.concat([bytes, Buffer.from([0])])],
    ['with a broken header', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 8), Buffer.from('}'), bytes.subarray(9)])],
  ])('does not call loadStateDict for a file %s', async (_name, corrupt) => {
    const path = join(directory, 'model.akstate');
    await saveCheckpoint(path, new FakeModel(state));
    await writeFile(path, corrupt(await readFile(path)));
    const target = new FakeModel({});
    await expect(loadCheckpoint(path, target)).rejects.toBeInstanceOf(CheckpointError);
    expect(target.loads).toHaveLength(0);
  });

  it('does not call loadStateDict when the file is missing', async () => {
    const target = new FakeModel({});
    await expect(loadCheckpoint(join(directory, 'none.akstate'), target)).rejects.toThrow(/Could not read state file/);
    expect(target.loads).toHaveLength(0);
  });

  it('writes nothing when the state holds a value that cannot be stored', async () => {
    const path = join(directory, 'model.akstate');
    await expect(saveCheckpoint(path, new FakeModel({ ...state, lr: undefined } as unknown as StateDict))).rejects.toThrow(CheckpointError);
    expect(await readdir(directory)).toEqual([]);
  });
});
