import {
  InferenceRPUConfig,
  InputRangeParameter,
  IOParameters,
  MappingParameter,
  PrePostProcessingParameter,
  SingleRPUConfig,
  Tensor,
  type Runtime,
} from '@analogkit/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalogLinear } from './analog/analog-linear.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint/checkpoint.js';
import { StateDictError } from './errors.js';
import { ReLU } from './layers/activations.js';
import { Dropout } from './layers/dropout.js';
import { MSELoss } from './losses/mse-loss.js';
import { inferenceTestRuntime, maxAbsDiff, testRuntime, uniformTensor } from './nn-test-support.js';
import { AnalogSGD } from './optim/analog-optimizer.js';
import { AnalogSequential } from './sequential.js';
import type { StateDict } from './state-dict.js';

/** Weight scaling, learned out-scales and a learned input range calibrated over 2 batches. */
const peripheryConfig = () =>
  new SingleRPUConfig({
    mapping: new MappingParameter({ weight_scaling_omega: 0.6, learn_out_scaling: true }),
    pre_post: new PrePostProcessingParameter({ input_range: new InputRangeParameter({ enable: true, init_from_data: 2 }) }),
  });
const splitMapping = () => new MappingParameter({ max_input_size: 5, max_output_size: 2 });

function model(seed: number, runtime: Runtime = testRuntime(seed)): AnalogSequential {
  return new AnalogSequential(
    new AnalogLinear(6, 8, { rpuConfig: peripheryConfig(), runtime, seed }),
    new ReLU(),
    new Dropout(0.2, { seed }),
    new AnalogLinear(8, 3, { rpuConfig: new SingleRPUConfig({ mapping: splitMapping() }), runtime, seed: seed + 1 }),
  );
}

const X = uniformTensor([4, 6], 21);
const Y = uniformTensor([4, 3], 22);

async function train(m: AnalogSequential, opt: AnalogSGD, steps: number): Promise<Tensor[]> {
  const loss = new MSELoss();
  const outputs: Tensor[] = [];
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    const y = await m.forward(X);
    outputs.push(y);
    loss.forward(y, Y);
    await m.backward(loss.backward());
    await opt.step();
  }
  return outputs;
}

function expectSameDict(a: StateDict, b: StateDict): void {
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  for (const [k, v] of Object.entries(a)) {
    if (v instanceof Tensor) expect(maxAbsDiff(b[k] as Tensor, v), k).toBe(0);
    else expect(b[k], k).toEqual(v);
  }
}

async function allWeights(m: AnalogSequential): Promise<number[]> {
  const out: number[] = [];
  for (const layer of m.layers) if (layer instanceof AnalogLinear) for (const t of await layer.getWeights()) out.push(...(t?.data ?? []));
  return out;
}

describe('stateDict / loadStateDict', () => {
  it('holds tile states by aihwkit names: weights, hidden parameters, extra, rpu config, digital parameters', async () => {
    const dict = await model(1).stateDict();
    expect(Object.keys(dict)).toEqual(
      expect.arrayContaining([
        '0.bias',
        '0.analog_module.input_range',
        '0.analog_module.out_scaling_alpha',
        '0.analog_module.analog_tile_state',
        '0.analog_module.analog_tile_state.weights',
        '0.analog_module.analog_tile_state.hidden.max_bound',
        '2.rng_state',
        '3.bias',
        '3.analog_module.array.1.1.analog_tile_state.weights',
      ]),
    );
    const meta = dict['0.analog_module.analog_tile_state'] as Record<string, unknown>;
    expect(meta.class).toBe('AnalogTile');
    expect((meta.rpu_config as { __class__: string }).__class__).toBe('SingleRPUConfig');
    expect(meta.hidden_parameter_names).toEqual(expect.arrayContaining(['max_bound', 'min_bound', 'dwmin_up', 'dwmin_down']));
    expect((dict['3.analog_module.array.0.0.analog_tile_state.weights'] as Tensor).shape).toEqual([2, 4]);
  });

  it('round-trips exactly, and a restored model trains on exactly as the original (noise, pulses, dropout)', async () => {
    const a = model(1);
    const optA = new AnalogSGD(a, { lr: 0.1 });
    await train(a, optA, 3);
    const saved = await a.stateDict();

    const b = model(7);
    await b.loadStateDict(saved);
    expectSameDict(saved, await b.stateDict());
    const optB = new AnalogSGD(b, { lr: 0.1 });
    const outA = await train(a, optA, 3);
    const outB = await train(b, optB, 3);
    outA.forEach((y, k) => expect(maxAbsDiff(outB[k]!, y)).toBe(0));
    expect(await allWeights(b)).toEqual(await allWeights(a));
    expect(maxAbsDiff(outA[2]!, outA[0]!)).toBeGreaterThan(0);
  });

  it('survives a checkpoint file: the restored model continues exactly', async () => {
    const a = model(1);
    const optA = new AnalogSGD(a, { lr: 0.1 });
    await train(a, optA, 2);
    const dir = await mkdtemp(join(tmpdir(), 'analogkit-nn-'));
    try {
      await saveCheckpoint(join(dir, 'model.akst'), a);
      const b = model(9);
      await loadCheckpoint(join(dir, 'model.akst'), b);
      const outA = await train(a, optA, 2);
      const outB = await train(b, new AnalogSGD(b, { lr: 0.1 }), 2);
      outA.forEach((y, k) => expect(maxAbsDiff(outB[k]!, y)).toBe(0));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('restores programmed inference tiles: drift continues from the same programmed state, alpha included', async () => {
    const make = (seed: number) => {
      const runtime = inferenceTestRuntime(seed);
      return new AnalogSequential(new AnalogLinear(6, 3, { rpuConfig: new InferenceRPUConfig({ forward: new IOParameters({ out_noise: 0.01 }) }), runtime, seed }));
    };
    const a = make(1).eval();
    await a.driftAnalogWeights(3);
    const b = make(2).eval();
    await b.loadStateDict(await a.stateDict());
    expect(maxAbsDiff(await b.forward(X), await a.forward(X))).toBe(0);
    await a.driftAnalogWeights(8);
    await b.driftAnalogWeights(8);
    expect(maxAbsDiff(await b.forward(X), await a.forward(X))).toBe(0);
  });

  it('validates everything before changing anything', async () => {
    const source = model(1);
    const saved = await source.stateDict();
    const runtime = testRuntime(2);
    const target = model(2, runtime);
    const before = await target.stateDict();
    const backend = await runtime.getBackend();
    const liveTiles = backend.numTiles();
    const tilesBefore = target.analogTiles();
    const attempts: StateDict[] = [
      { ...saved, '3.analog_module.array.1.0.analog_tile_state.weights': Tensor.zeros([1, 3]) },
      { ...saved, '0.bias': Tensor.zeros([7]) },
      { ...saved, extra: 1 },
      Object.fromEntries(Object.entries(saved).filter(([k]) => k !== '3.analog_module.array.0.1.analog_tile_state')),
      { ...saved, '0.analog_module.analog_tile_state.hidden.max_bound': Tensor.zeros([3]) },
      { ...saved, '0.analog_module.analog_tile_state': { ...(saved['0.analog_module.analog_tile_state'] as object), extra: { version: 2 } } },
    ];
    for (const dict of attempts) await expect(target.loadStateDict(dict)).rejects.toBeInstanceOf(StateDictError);
    expectSameDict(before, await target.stateDict());
    expect(target.analogTiles()).toEqual(tilesBefore);
    expect(backend.numTiles()).toBe(liveTiles);
    await target.loadStateDict({ ...saved, extra: 1 }, { strict: false });
    expectSameDict(saved, await target.stateDict());
  });

  it('rejects a saved config whose tile-size limits differ (mapping changes alter the structure)', async () => {
    const runtime = testRuntime(3);
    const a = new AnalogLinear(6, 2, { rpuConfig: new SingleRPUConfig({ mapping: new MappingParameter({ max_input_size: 5 }) }), runtime });
    const b = new AnalogLinear(6, 2, { rpuConfig: new SingleRPUConfig({ mapping: new MappingParameter({ max_input_size: 4 }) }), runtime });
    // Both split the input as [3, 3], so the keys match; the saved limits do not.
    await expect(b.loadStateDict(await a.stateDict())).rejects.toThrow(/max_input_size \(5 vs 4\)/);
    const unsplit = new AnalogLinear(6, 2, { runtime });
    await expect(unsplit.loadStateDict(await a.stateDict())).rejects.toBeInstanceOf(StateDictError);
  });

  it('loads the saved rpu config by default, or keeps the current one with loadRpuConfig: false', async () => {
    const runtime = testRuntime(4);
    const noisy = new AnalogLinear(3, 2, { rpuConfig: new SingleRPUConfig({ forward: new IOParameters({ out_noise: 0.2 }) }), runtime });
    const saved = await noisy.stateDict();
    const quiet = () => new AnalogLinear(3, 2, { rpuConfig: new SingleRPUConfig({ forward: new IOParameters({ out_noise: 0 }) }), runtime });
    const kept = quiet();
    await kept.loadStateDict(saved, { loadRpuConfig: false });
    expect((kept.rpuConfig as SingleRPUConfig).forward.out_noise).toBe(0);
    expect(maxAbsDiff((await kept.getWeights())[0], (await noisy.getWeights())[0])).toBe(0);
    const loaded = quiet();
    await loaded.loadStateDict(saved);
    expect((loaded.rpuConfig as SingleRPUConfig).forward.out_noise).toBe(0.2);
    const inference = new AnalogLinear(3, 2, { rpuConfig: new InferenceRPUConfig(), runtime });
    await expect(inference.loadStateDict(saved, { loadRpuConfig: false })).rejects.toThrow(/SingleRPUConfig/);
  });
});
