import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendUnavailableError, KernelTable, ShapeError, TileStateError } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph/graph-builder.js';
import { OnnxBackend } from './onnx-backend.js';
import { CUDA_INSTALL_COMMAND, parseOnnxTarget } from './runtime/execution-providers.js';
import { loadOnnxRuntime, type OrtModule } from './runtime/ort-loader.js';
import { tileState, uniformArray } from './testing/onnx-test-support.js';

const kernels = new KernelTable();

/** onnxruntime-node with its session factory replaced (to simulate a provider that fails to start). */
async function ortWithFailingSessions(message: string): Promise<OrtModule> {
  const ort = await loadOnnxRuntime();
  const InferenceSession = { create: () => Promise.reject(new Error(`${message}\n    at native code`)) };
  return { ...ort, InferenceSession } as unknown as OrtModule;
}

function cudaProviderInstalled(): boolean {
  const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
  return existsSync(join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so'));
}

describe('OnnxBackend init', () => {
  it('starts on cpu and names its device', async () => {
    const backend = new OnnxBackend('cpu', kernels);
    await backend.init();
    expect([backend.name, backend.target, backend.device, backend.isGpu]).toEqual(['onnx', 'cpu', 'onnx:cpu', false]);
    expect(new OnnxBackend('cuda', kernels).isGpu).toBe(true);
    // host stages are on by default on the cpu target only: GPU targets keep every stage on the device
    expect([backend.hostStages, new OnnxBackend('cuda', kernels).hostStages, new OnnxBackend('cpu', kernels, { hostStages: false }).hostStages]).toEqual([true, false, false]);
    expect(new OnnxBackend('webgpu', kernels).device).toBe('onnx:webgpu');
  });

  it('fails with what to install when onnxruntime-node does not load', async () => {
    const backend = new OnnxBackend('cpu', kernels, { loader: () => Promise.reject(new Error('Cannot find module onnxruntime_binding.node')) });
    const init = backend.init();
    await expect(init).rejects.toThrow(BackendUnavailableError);
    await expect(init).rejects.toThrow(/onnxruntime-node could not be loaded \(Cannot find module onnxruntime_binding\.node\).*npm install onnxruntime-node/);
  });

  it('fails with the provider and a hint when its probe session cannot start', async () => {
    const backend = new OnnxBackend('webgpu', kernels, { loader: () => ortWithFailingSessions('Failed to get a WebGPU adapter') });
    await expect(backend.init()).rejects.toThrow(/onnx:webgpu is not available: the webgpu execution provider failed to start \(Failed to get a WebGPU adapter\)\. .*GPU adapter/);
  });

  it('fails when onnxruntime-node lacks the provider altogether', async () => {
    const ort = await loadOnnxRuntime();
    const withoutCuda = { ...ort, listSupportedBackends: () => ort.listSupportedBackends().filter((b) => b.name !== 'cuda') } as OrtModule;
    await expect(new OnnxBackend('cuda', kernels, { loader: async () => withoutCuda }).init()).rejects.toThrow(/has no cuda execution provider/);
  });

  it.skipIf(cudaProviderInstalled())('says how to install the CUDA provider libraries when they are missing', async () => {
    const init = new OnnxBackend('cuda', kernels).init();
    await expect(init).rejects.toThrow(BackendUnavailableError);
    await expect(init).rejects.toThrow(CUDA_INSTALL_COMMAND);
    await expect(init).rejects.toThrow(/libonnxruntime_providers_cuda\.so/);
  });

  it('rejects targets it does not have', () => {
    expect(() => parseOnnxTarget('tpu')).toThrow(/no target "tpu"; use one of onnx:cpu, onnx:cuda, onnx:webgpu/);
  });
});

describe('OnnxBackend tile storage', () => {
  it('stores copies, checks shapes, and frees tiles and sessions on dispose', async () => {
    const backend = new OnnxBackend('cpu', kernels);
    await backend.init();
    const state = tileState(3, 4, uniformArray(12, 1));
    const tile = backend.allocateTile(state);
    state.weights[0] = 42;
    expect((await backend.readTile(tile)).weights[0]).not.toBe(42);
    await expect(backend.writeTile(tile, tileState(4, 3, new Float32Array(12)))).rejects.toThrow(ShapeError);
    expect(() => backend.allocateTile(tileState(3, 4, new Float32Array(5)))).toThrow(ShapeError);
    // A model that fails to load is not kept; a working one is built once per key.
    await expect(backend.session('broken', () => Uint8Array.of(1, 2, 3))).rejects.toThrow();
    const g = new GraphBuilder('identity');
    g.output('y', g.input('x', [1]), [1]);
    let builds = 0;
    const build = () => (builds++, g.build());
    await backend.session('identity', build);
    await backend.session('identity', build);
    expect(builds).toBe(1);
    expect(backend.numTiles()).toBe(1);
    expect(backend.numSessions()).toBe(1);
    backend.dispose();
    expect(backend.numTiles()).toBe(0);
    expect(backend.numSessions()).toBe(0);
    await expect(backend.readTile(tile)).rejects.toThrow(TileStateError);
  });
});
