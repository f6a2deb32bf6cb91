import type { KernelConfig } from '@analogkit/core';
import { runOnnxMvm } from '../mvm/onnx-mvm.js';
import { asOnnxBackend, ONNX_BACKEND_NAME } from '../onnx-backend.js';

/** BackwardMvm on onnxruntime: `z = W^T d` with noise management and no bound management (see runOnnxMvm). */
export const backwardMvmConfig: KernelConfig<'BackwardMvm'> = {
  kernelName: 'BackwardMvm',
  backendName: ONNX_BACKEND_NAME,
  checksFiniteInputs: true,
  kernelFunc: ({ backend, inputs, attrs }) =>
    runOnnxMvm(asOnnxBackend(backend), inputs.tile, 'backward', inputs.d, inputs.batch, inputs.checked === true, attrs.io, attrs.rng),
};
