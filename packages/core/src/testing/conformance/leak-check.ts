import { expect } from 'vitest';
import type { ComputeBackend } from '../../backends/compute-backend.js';
import { WeightModifierType } from '../../parameters/enums.js';
import { InferenceRPUConfig, SingleRPUConfig } from '../../parameters/index.js';
import type { Runtime } from '../../runtime/runtime.js';
import { Tensor } from '../../tensor/tensor.js';
import { createTile } from '../../tiles/create-tile.js';

/** Creates, uses, moves and disposes tiles; the backend must end with the tiles it started with. */
export async function runLeakCheck(runtime: Runtime, backend: ComputeBackend): Promise<void> {
  const start = backend.numTiles();
  const pulsed = await createTile(runtime, 4, 3, new SingleRPUConfig(), { backend: backend.device, bias: true });
  const hwa = new InferenceRPUConfig();
  hwa.modifier.type = WeightModifierType.ADD_NORMAL;
  hwa.modifier.std_dev = 0.05;
  const inference = await createTile(runtime, 4, 3, hwa, { backend: backend.device });
  const x = Tensor.from([[0.1, -0.2, 0.3], [0.5, 0.4, -0.1]]);
  const d = Tensor.from([[0.1, -0.1, 0.2, 0], [0.3, 0, -0.2, 0.1]]);
  for (const tile of [pulsed, inference]) {
    await tile.forward(x);
    await tile.backward(d);
    await tile.update(x, d, 0.01);
    await tile.postUpdateStep();
    await tile.forward(x);
  }
  expect(backend.numTiles()).toBeGreaterThan(start);
  await inference.to('reference');
  await inference.to(backend.device);
  pulsed.dispose();
  inference.dispose();
  expect(backend.numTiles()).toBe(start);
}
