import { BackendUnavailableError } from '@analogkit/core';
import { GPU } from 'gpu.js';

/** The gpu.js modes a GpuJsBackend can run in (`webgl`/`webgl2` only exist in browsers). */
export const GPUJS_MODES = ['webasm', 'headlessgl', 'webgpu', 'cpu', 'webgl2', 'webgl'] as const;
export type GpuJsMode = (typeof GPUJS_MODES)[number];

/** The modes that run on a GPU (the targets `tile.cuda()` tries). */
export const GPUJS_GPU_MODES: readonly GpuJsMode[] = ['headlessgl', 'webgpu', 'webgl2', 'webgl'];

/** How a mode computes, and the deviation from the reference kernels it is held to. */
export interface GpuJsPrecision {
  /** Arithmetic of the kernels (the reference stores float32 and sums MACs in float64). */
  readonly arithmetic: 'float32' | 'float64';
  /** Largest deviation from the reference in noise-free cases, relative to max(1, |expected|). */
  readonly tolerance: number;
  readonly note: string;
}

const PRECISION: Record<GpuJsMode, GpuJsPrecision> = {
  webasm: {
    arithmetic: 'float32',
    tolerance: 1e-5,
    note: 'IEEE float32 throughout (MAC sums accumulate in float32); transcendental functions within a few float32 ulp',
  },
  cpu: { arithmetic: 'float64', tolerance: 1e-5, note: 'JavaScript doubles between float32 loads and stores, like the reference' },
  headlessgl: {
    arithmetic: 'float32',
    tolerance: 1e-4,
    note: 'GLSL highp float; division and transcendental functions are not correctly rounded on every driver',
  },
  webgpu: { arithmetic: 'float32', tolerance: 1e-4, note: 'WGSL f32; pow/log/exp are not correctly rounded' },
  webgl2: { arithmetic: 'float32', tolerance: 1e-4, note: 'GLSL ES 3.00 highp float' },
  webgl: { arithmetic: 'float32', tolerance: 1e-4, note: 'GLSL ES 1.00 highp float' },
};

export function gpuJsPrecision(mode: GpuJsMode): GpuJsPrecision {
  return PRECISION[mode];
}

export function isGpuJsMode(value: string): value is GpuJsMode {
  return (GPUJS_MODES as readonly string[]).includes(value);
}

/** The mode gpu.js picks by itself (its order: headlessgl, webgl2, webgl, webasm), cpu last. */
export function defaultGpuJsMode(): GpuJsMode {
  if (GPU.isHeadlessGLSupported) return 'headlessgl';
  if (GPU.isWebGL2Supported) return 'webgl2';
  if (GPU.isWebGLSupported) return 'webgl';
  if (GPU.isWebAssemblySupported) return 'webasm';
  return 'cpu';
}

/** The mode named by a device target (`webasm` in `gpujs:webasm`), or gpu.js's own pick. */
export function resolveGpuJsMode(target: string | undefined): GpuJsMode {
  if (target === undefined || target === '') return defaultGpuJsMode();
  if (!isGpuJsMode(target)) {
    throw new BackendUnavailableError(`gpujs has no mode "${target}". Use one of: ${GPUJS_MODES.map((m) => `gpujs:${m}`).join(', ')}, or plain "gpujs" for gpu.js's own choice.`);
  }
  return target;
}

/** `true` when the mode can run here, otherwise why not. */
export async function gpuJsModeAvailability(mode: GpuJsMode): Promise<true | string> {
  switch (mode) {
    case 'cpu':
      return true;
    case 'webasm':
      return GPU.isWebAssemblySupported ? true : 'this JavaScript engine has no WebAssembly';
    case 'headlessgl':
      return GPU.isHeadlessGLSupported
        ? true
        : 'headless-gl is not usable (the optional "gl" package is not installed or built, or no X/EGL display is available)';
    case 'webgpu':
      return (await GPU.isWebGPUAvailable().catch(() => false))
        ? true
        : 'no WebGPU adapter answered (the Dawn addon of the "webgpu" package did not load or found no adapter)';
    case 'webgl2':
      return GPU.isWebGL2Supported ? true : 'WebGL2 is only available in a browser with WebGL2 enabled';
    case 'webgl':
      return GPU.isWebGLSupported ? true : 'WebGL is only available in a browser with WebGL enabled';
  }
}
