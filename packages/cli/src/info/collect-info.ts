import { BackendUnavailableError, type Runtime } from '@analogkit/core';
import { installedVersion } from './versions.js';
import type { LoadedPlugin } from './load-plugin.js';

/** The packages whose versions `info` reports. */
const PACKAGES = [
  '@analogkit/cli',
  '@analogkit/core',
  '@analogkit/devices',
  '@analogkit/nn',
  '@analogkit/backend-onnx',
  '@analogkit/backend-gpujs',
  'onnxruntime-node',
  'gpu.js',
] as const;

export interface BackendInfo {
  name: string;
  priority: number;
  available: boolean;
  /** The device it starts on (`onnx:cpu`), when available. */
  device: string | null;
  /** Why it does not start, when unavailable. */
  reason: string | null;
  /** Kernels it runs natively; the others run core's reference kernels on it. */
  nativeKernels: string[];
}

export interface TargetInfo {
  device: string;
  available: boolean;
  reason: string | null;
}

export interface DeviceModelInfo {
  kind: string;
  parameterClass: string;
  /** `built-in`, or the plugin that registered it. */
  source: string;
}

export interface InfoResult {
  command: 'info';
  node: string;
  platform: string;
  versions: Record<string, string | null>;
  /** The backend new tiles go to when none is named. */
  defaultBackend: string | null;
  backends: BackendInfo[];
  gpuTargets: TargetInfo[];
  deviceModels: DeviceModelInfo[];
  noiseModels: string[];
  driftCompensations: string[];
}

async function probe(runtime: Runtime, device: string): Promise<{ device: string | null; reason: string | null }> {
  try {
    return { device: (await runtime.backend(device)).device, reason: null };
  } catch (error) {
    if (error instanceof BackendUnavailableError && error.failures.length) return { device: null, reason: error.failures.map((f) => f.reason).join('; ') };
    return { device: null, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Versions, backends (started one by one to learn whether they work), GPU targets and registered plugins of `runtime`. */
export async function collectInfo(runtime: Runtime, plugins: readonly LoadedPlugin[] = []): Promise<InfoResult> {
  const backends: BackendInfo[] = [];
  for (const name of runtime.backends.names()) {
    const { device, reason } = await probe(runtime, name);
    backends.push({ name, priority: runtime.backends.priority(name) ?? 0, available: device !== null, device, reason, nativeKernels: runtime.kernels.nativeKernels(name) });
  }
  const gpuTargets: TargetInfo[] = [];
  for (const target of runtime.backends.gpuDevices()) {
    const { device, reason } = await probe(runtime, target);
    gpuTargets.push({ device: target, available: device !== null, reason });
  }
  runtime.setBackend(undefined);
  let defaultBackend: string | null = null;
  try {
    defaultBackend = (await runtime.getBackend()).device;
  } catch {
    // No backend starts: every reason is listed in `backends`.
  }
  const pluginOf = new Map(plugins.flatMap((p) => p.deviceModels.map((kind) => [kind, p.specifier] as const)));
  return {
    command: 'info',
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    versions: Object.fromEntries(PACKAGES.map((name) => [name, installedVersion(name)])),
    defaultBackend,
    backends,
    gpuTargets,
    deviceModels: runtime.devices.kinds().map((kind) => ({
      kind,
      parameterClass: runtime.devices.get(kind).parameterClass.className,
      source: pluginOf.get(kind) ?? 'built-in',
    })),
    noiseModels: runtime.noiseModels.kinds(),
    driftCompensations: runtime.driftCompensations.kinds(),
  };
}
