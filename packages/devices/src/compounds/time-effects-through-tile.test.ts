import { ConstantStepDevice, createRuntime, createTile, DriftParameter, registerCore, Tensor, UnitCellRPUConfig, VectorUnitCell } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { registerCompoundDevices } from './register-compound-devices.js';

const FIXED = { w_max: 1, w_min: -1, w_max_dtod: 0, w_min_dtod: 0, dw_min_dtod: 0 };

function runtime() {
  return createRuntime({ seed: 4, register: [registerCore, registerCompoundDevices] });
}

describe('compound time effects reach the sub-devices through the tile', () => {
  it('postUpdateStep decays a compound whose sub-devices have a lifetime', async () => {
    const device = new VectorUnitCell({ unit_cell_devices: [new ConstantStepDevice({ ...FIXED, lifetime: 10 }), new ConstantStepDevice({ ...FIXED, lifetime: 10 })] });
    const tile = await createTile(runtime(), 2, 2, new UnitCellRPUConfig({ device }));
    await tile.setWeights(Tensor.from([[0.4, -0.2], [0.1, 0.3]]));
    const before = (await tile.getWeights())[0].clone();
    await tile.postUpdateStep();
    const after = (await tile.getWeights())[0];
    after.data.forEach((v, i) => expect(v).toBeCloseTo(before.data[i]! * 0.9, 5));
  });

  it('driftWeights drifts the sub-devices of a compound', async () => {
    const drifting = new ConstantStepDevice({ ...FIXED, drift: new DriftParameter({ nu: 0.1 }) });
    const tile = await createTile(runtime(), 2, 2, new UnitCellRPUConfig({ device: new VectorUnitCell({ unit_cell_devices: [drifting, drifting.copy()] }) }));
    await tile.setWeights(Tensor.from([[0.4, -0.2], [0.1, 0.3]]));
    const before = (await tile.getWeights())[0].clone();
    await tile.driftWeights(2);
    const after = (await tile.getWeights())[0];
    after.data.forEach((v, i) => expect(v).toBeCloseTo(before.data[i]! * 2 ** -0.1, 5));
  });
});
