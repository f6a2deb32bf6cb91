import { describe, expect, it } from 'vitest';
import { gpuJsBenchDevices } from './bench-devices.js';
import { gpuJsModeAvailability } from './gpujs-modes.js';

describe('gpuJsBenchDevices', () => {
  it('lists webasm first and only the GPU modes that work here', async () => {
    const devices = await gpuJsBenchDevices();
    expect(devices[0]).toBe('gpujs:webasm');
    for (const mode of ['headlessgl', 'webgpu'] as const) {
      expect(devices.includes(`gpujs:${mode}`)).toBe((await gpuJsModeAvailability(mode)) === true);
    }
  });
});
