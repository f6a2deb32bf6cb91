import type { KernelConfig } from '@analogkit/core';
import { runOnnxMvm } from '../mvm/onnx-mvm.js';
import { asOnnxBackend, ONNX_BACKEND_NAME } from '../onnx-backend.js';

/** ForwardMvm on onnxruntime: `y = W x` through the analog IO pipeline (see runOnnxMvm). */
export const forwardMvmConfig: KernelConfig<'ForwardMvm'> = {
  kernelName: 'ForwardMvm',
  backendName: ONNX_BACKEND_NAME,
  checksFiniteInputs: true,
  kernelFunc: ({ backend, inputs, attrs }) =>
    runOnnxMvm(asOnnxBackend(backend), inputs.tile, 'forward', inputs.x, inputs.batch, inputs.checked === true, attrs.io, attrs.rng),
};
