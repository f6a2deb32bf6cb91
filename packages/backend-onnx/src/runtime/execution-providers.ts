import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendUnavailableError } from '@analogkit/core';
import type { OrtModule } from './ort-loader.js';

/** The execution targets of the onnx backend, each an onnxruntime execution provider. */
export const ONNX_TARGETS = ['cpu', 'cuda', 'webgpu'] as const;
export type OnnxTarget = (typeof ONNX_TARGETS)[number];

/** The targets that run on a GPU (what `tile.cuda()` tries). */
export const ONNX_GPU_TARGETS: readonly OnnxTarget[] = ['cuda', 'webgpu'];

export function parseOnnxTarget(target: string): OnnxTarget {
  if ((ONNX_TARGETS as readonly string[]).includes(target)) return target as OnnxTarget;
  throw new BackendUnavailableError(`The onnx backend has no target "${target}"; use one of ${ONNX_TARGETS.map((t) => `onnx:${t}`).join(', ')}.`);
}

/** The command that fetches the CUDA provider libraries (they are not in the npm package). */
export const CUDA_INSTALL_COMMAND = 'npm rebuild onnxruntime-node --onnxruntime-node-install=cuda12';

/**
 * Why `target` cannot run with this onnxruntime-node, checked without starting the provider, or
 * null when it may run (a probe session then decides). CUDA needs provider libraries that
 * onnxruntime-node downloads only on request.
 */
export function missingProvider(ort: OrtModule, target: OnnxTarget): string | null {
  if (target === 'cpu') return null;
  const supported = ort.listSupportedBackends().map((b) => b.name);
  const version = ort.env.versions.node ?? ort.env.versions.common;
  if (!supported.includes(target)) {
    return `onnxruntime-node ${version} on ${process.platform}/${process.arch} has no ${target} execution provider (it supports ${supported.join(', ')}).`;
  }
  if (target !== 'cuda') return null;
  const dir = bindingDirectory();
  const libraries =
    process.platform === 'win32'
      ? ['onnxruntime_providers_cuda.dll', 'onnxruntime_providers_shared.dll']
      : ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so'];
  const missing = libraries.filter((f) => !existsSync(join(dir, f)));
  if (missing.length === 0) return null;
  return (
    `the CUDA execution provider libraries of onnxruntime-node ${version} are not installed (${missing.join(', ')} missing in ${dir}); ` +
    `npm does not ship them and this repository's .npmrc skips their download. On a machine with internet, CUDA 12 and cuDNN 9, run \`${CUDA_INSTALL_COMMAND}\` ` +
    `(or set ONNXRUNTIME_NODE_INSTALL=cuda12 before npm install), or use onnx:cpu.`
  );
}

/** What to tell the user when a probe session on `target` fails. */
export function providerFailureHint(target: OnnxTarget): string {
  switch (target) {
    case 'cuda':
      return `The CUDA provider needs CUDA 12 and cuDNN 9 libraries on the library path (LD_LIBRARY_PATH) and an NVIDIA driver; reinstall the provider with \`${CUDA_INSTALL_COMMAND}\` if its files are damaged.`;
    case 'webgpu':
      return 'The WebGPU provider needs a GPU adapter (Dawn: Vulkan on Linux, with libvulkan.so.1 and a GPU driver; Metal on macOS; D3D12 on Windows).';
    case 'cpu':
      return 'Reinstall onnxruntime-node (`npm install onnxruntime-node@1.30.0`).';
  }
}

function bindingDirectory(): string {
  const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
  return join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch);
}
