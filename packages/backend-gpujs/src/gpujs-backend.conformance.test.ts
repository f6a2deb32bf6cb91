import { describeBackendConformance } from '@analogkit/core/testing';
import { gpuJsModeAvailability, gpuJsPrecision, type GpuJsMode } from './gpujs-modes.js';
import { registerGpuJsBackend } from './register-gpujs-backend.js';

/*
 * The shared conformance suite in every gpu.js mode: webasm is the mode that runs in CI (no GPU);
 * cpu (the kernels transpiled to JavaScript) runs everywhere too; headlessgl and webgpu run where
 * a GPU stack is present and are skipped with the reason otherwise. Deterministic cases are held
 * to the mode's declared precision. No kernel is excluded.
 */
const MODES: GpuJsMode[] = ['webasm', 'cpu', 'headlessgl', 'webgpu'];

for (const mode of MODES) {
  describeBackendConformance({
    backendName: 'gpujs',
    device: `gpujs:${mode}`,
    create: (c) => registerGpuJsBackend(c),
    available: () => gpuJsModeAvailability(mode),
    tolerance: gpuJsPrecision(mode).tolerance,
  });
}
