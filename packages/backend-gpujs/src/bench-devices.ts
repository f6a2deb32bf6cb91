import { gpuJsModeAvailability, type GpuJsMode } from './gpujs-modes.js';

/**
 * The gpujs devices worth benchmarking on this machine: `gpujs:webasm` (the CPU path gpu.js
 * picks without a GPU) and each GPU mode that works here, for `npm run bench`.
 */
export async function gpuJsBenchDevices(): Promise<string[]> {
  const modes: GpuJsMode[] = ['webasm', 'headlessgl', 'webgpu'];
  const devices: string[] = [];
  for (const mode of modes) if ((await gpuJsModeAvailability(mode)) === true) devices.push(`gpujs:${mode}`);
  return devices;
}
