import {
  configFromJSON,
  ConstantStepDevice,
  createRuntime,
  createTile,
  registerCore,
  UnitCellRPUConfig,
  VectorUnitCell,
  VectorUnitCellUpdatePolicy,
  type ParameterBase,
  type UnitCell,
} from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { OneSidedUnitCell } from './parameters/one-sided-unit-cell.js';
import { MixedPrecisionCompound } from './parameters/mixed-precision-compound.js';
import { TransferCompound } from './parameters/transfer-compound.js';
import { registerCompoundDevices } from './register-compound-devices.js';

/* Compounds on real tiles: a runtime with core and the compound plugin, example 01's regression task. */

const runtime = createRuntime({
  seed: 1,
  register: [
    registerCore,
    (c) => {
      registerCompoundDevices(c);
    },
  ],
});

const X = [
  [0.1, 0.2, 0.4, 0.3],
  [0.2, 0.1, 0.1, 0.3],
];
const Y = [
  [1.0, 0.5],
  [0.7, 0.3],
];

/** The MSE over the batch before and after `epochs` SGD steps (d = prediction - target). */
async function train(device: ParameterBase, epochs: number, lr: number): Promise<{ before: number; after: number }> {
  // MixedPrecisionCompound is not a UnitCell (aihwkit puts it in a DigitalRankUpdateRPUConfig); the config accepts any device.
  const tile = await createTile(runtime, 2, 4, new UnitCellRPUConfig({ device: device as UnitCell }), { seed: 5 });
  const mse = async (): Promise<{ loss: number; d: number[][] }> => {
    const y = (await tile.forward(X)).toNested();
    const d = y.map((row, b) => row.map((v, i) => v - Y[b]![i]!));
    return { loss: d.flat().reduce((s, v) => s + v * v, 0) / 4, d };
  };
  const before = (await mse()).loss;
  for (let e = 0; e < epochs; e++) await tile.update(X, (await mse()).d, lr);
  return { before, after: (await mse()).loss };
}

describe('compound devices on tiles', () => {
  const cs = (): ConstantStepDevice => new ConstantStepDevice();

  it.each([
    ['VectorUnitCell (ALL)', () => new VectorUnitCell({ unit_cell_devices: [cs(), cs()] })],
    ['VectorUnitCell (SINGLE_SEQUENTIAL)', () => new VectorUnitCell({ unit_cell_devices: [cs(), cs()], update_policy: VectorUnitCellUpdatePolicy.SINGLE_SEQUENTIAL, gamma_vec: [1, 1] })],
    ['OneSidedUnitCell', () => new OneSidedUnitCell({ unit_cell_devices: [cs()], refresh_every: 4 })],
    ['TransferCompound', () => new TransferCompound({ unit_cell_devices: [cs(), cs()], gamma: 0.1 })],
    ['MixedPrecisionCompound', () => new MixedPrecisionCompound({ device: cs() })],
  ])('%s trains: the MSE falls', async (_name, make) => {
    const { before, after } = await train(make(), 60, 0.1);
    expect(before).toBeGreaterThan(0.3);
    expect(after).toBeLessThan(before / 3);
  });

  it('exposes the hidden parameters by compound names and distributes written weights', async () => {
    const tile = await createTile(runtime, 1, 2, new UnitCellRPUConfig({ device: new OneSidedUnitCell({ unit_cell_devices: [cs()] }) }), { seed: 2 });
    await tile.setWeights([[0.25, -0.15]]);
    const hidden = await tile.getHiddenParameters();
    expect(Object.keys(hidden)).toContain('hidden_weights_1');
    expect(Array.from(hidden['hidden_weights_1']!.data)).toEqual([expect.closeTo(0.25, 6), 0]);
    expect(Array.from(hidden['hidden_weights_0']!.data)).toEqual([0, expect.closeTo(0.15, 6)]);
    expect(Array.from((await tile.getWeights())[0].data)).toEqual([expect.closeTo(0.25, 6), expect.closeTo(-0.15, 6)]);
  });

  it('runs time effects per device through the tile', async () => {
    const decaying = new ConstantStepDevice({ lifetime: 4, w_max_dtod: 0, w_min_dtod: 0 });
    const device = new VectorUnitCell({ unit_cell_devices: [decaying, cs()], gamma_vec: [0.5, 0.5] });
    const tile = await createTile(runtime, 1, 1, new UnitCellRPUConfig({ device }), { seed: 2 });
    await tile.setWeights([[0.2]]);
    await tile.decayWeights(1);
    const hidden = await tile.getHiddenParameters();
    expect(hidden['hidden_weights_0']!.data[0]).toBeCloseTo(0.15, 6); // (1 - 1/lifetime) = 0.75 towards reset 0
    expect(hidden['hidden_weights_1']!.data[0]).toBeCloseTo(0.2, 6);
    expect((await tile.getWeights())[0].data[0]).toBeCloseTo(0.175, 6);
  });

  it('round-trips a compound config through JSON with the runtime registry', () => {
    const config = new UnitCellRPUConfig({ device: new TransferCompound({ unit_cell_devices: [cs(), cs()], transfer_every: 2, gamma_vec: [0.1, 1] }) });
    const back = configFromJSON(JSON.parse(JSON.stringify(config.toJSON())), { resolve: (name) => runtime.devices.parameterClass(name) }) as UnitCellRPUConfig;
    expect(back.device).toBeInstanceOf(TransferCompound);
    expect(back.toJSON()).toEqual(config.toJSON());
  });
});
