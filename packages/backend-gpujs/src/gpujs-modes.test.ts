import { BackendUnavailableError } from '@analogkit/core';
import { GPU } from 'gpu.js';
import { describe, expect, it } from 'vitest';
import { defaultGpuJsMode, GPUJS_MODES, gpuJsModeAvailability, gpuJsPrecision, resolveGpuJsMode } from './gpujs-modes.js';

describe('gpu.js modes', () => {
  it('names a mode by its gpu.js name and rejects unknown ones with the list of modes', () => {
    expect(resolveGpuJsMode('webasm')).toBe('webasm');
    expect(resolveGpuJsMode('headlessgl')).toBe('headlessgl');
    expect(() => resolveGpuJsMode('cuda')).toThrow(BackendUnavailableError);
    expect(() => resolveGpuJsMode('cuda')).toThrow(/gpujs:webasm, gpujs:headlessgl, gpujs:webgpu, gpujs:cpu/);
  });

  it('picks by default the mode gpu.js itself picks', async () => {
    const gpu = new GPU();
    expect(resolveGpuJsMode(undefined)).toBe(defaultGpuJsMode());
    expect(defaultGpuJsMode()).toBe((gpu as unknown as { Kernel: { mode: string } }).Kernel.mode);
    await gpu.destroy();
  });

  it('reports availability, with a reason when a mode cannot run', async () => {
    expect(await gpuJsModeAvailability('cpu')).toBe(true);
    expect(await gpuJsModeAvailability('webasm')).toBe(GPU.isWebAssemblySupported ? true : expect.any(String));
    const headless = await gpuJsModeAvailability('headlessgl');
    if (headless !== true) expect(headless).toMatch(/headless-gl/);
  });

  it('declares a precision per mode: float32 modes within 1e-5 of the reference on CPUs, 1e-4 on GPUs', () => {
    for (const mode of GPUJS_MODES) expect(gpuJsPrecision(mode).tolerance).toBeGreaterThan(0);
    expect(gpuJsPrecision('webasm')).toMatchObject({ arithmetic: 'float32', tolerance: 1e-5 });
    expect(gpuJsPrecision('cpu').arithmetic).toBe('float64');
    expect(gpuJsPrecision('webgpu').tolerance).toBe(1e-4);
  });
});
