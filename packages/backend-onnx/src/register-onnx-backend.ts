import { BackendRegistry, KernelRegistry, type Registrar } from '@analogkit/core';
import { registerOnnxKernels } from './kernels/onnx-kernels.js';
import { ONNX_BACKEND_NAME, OnnxBackend, type OnnxBackendSettings } from './onnx-backend.js';
import { ONNX_GPU_TARGETS, parseOnnxTarget, type OnnxTarget } from './runtime/execution-providers.js';

/** Priority of the onnx backend: above the reference backend (0), so it is the default when it starts. */
export const ONNX_BACKEND_PRIORITY = 100;

export interface OnnxBackendOptions extends OnnxBackendSettings {
  /**
   * The target used when the backend is chosen without one (`onnx`, or by priority); default
   * `cpu`. A GPU target that cannot start then falls back to `cpu` with a logged reason, while an
   * explicit `onnx:cuda` fails with an error that says what is missing.
   */
  target?: OnnxTarget;
  /** Registry priority (default ONNX_BACKEND_PRIORITY). */
  priority?: number;
  /** Where fallbacks are reported (default console.warn). */
  log?: (message: string) => void;
}

/** Registers the onnx backend (targets cpu, cuda, webgpu) and its native kernels. */
export function registerOnnxBackend(container: Parameters<Registrar>[0], options: OnnxBackendOptions = {}): void {
  const kernels = container.resolve(KernelRegistry);
  registerOnnxKernels(kernels);
  container
    .resolve(BackendRegistry)
    .register(ONNX_BACKEND_NAME, (target) => createOnnxBackend(kernels, target, options), options.priority ?? ONNX_BACKEND_PRIORITY, {
      gpuTargets: ONNX_GPU_TARGETS,
    });
}

async function createOnnxBackend(kernels: KernelRegistry, target: string | undefined, options: OnnxBackendOptions): Promise<OnnxBackend> {
  const settings: OnnxBackendSettings = { loader: options.loader, intraOpNumThreads: options.intraOpNumThreads, hostStages: options.hostStages };
  // Named with a target: the registry initialises it and any failure goes to the caller as it is.
  if (target !== undefined) return new OnnxBackend(parseOnnxTarget(target), kernels, settings);
  const log = options.log ?? ((message: string) => console.warn(message));
  const preferred = options.target ?? 'cpu';
  const backend = new OnnxBackend(preferred, kernels, settings);
  try {
    await backend.init();
    return backend;
  } catch (err) {
    if (preferred === 'cpu') {
      log(`analogkit: the onnx backend could not start, falling back to the next backend. ${messageOf(err)}`);
      throw err;
    }
    log(`analogkit: onnx:${preferred} could not start, using onnx:cpu. ${messageOf(err)}`);
    const cpu = new OnnxBackend('cpu', kernels, settings);
    try {
      await cpu.init();
    } catch (cpuErr) {
      log(`analogkit: the onnx backend could not start, falling back to the next backend. ${messageOf(cpuErr)}`);
      throw cpuErr;
    }
    return cpu;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
