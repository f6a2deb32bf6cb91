import type { KernelConfig } from '@analogkit/core';
import { asOnnxBackend, ONNX_BACKEND_NAME } from '../onnx-backend.js';
import { runOnnxPulsedUpdate } from '../update/onnx-pulsed-update.js';

/**
 * PulsedUpdate on onnxruntime: batch-wide GEMMs of the pulse trains (or of the exact update),
 * device effects applied once per batch with per-sample replay where bounds make the order
 * matter (see runOnnxPulsedUpdate). Device kinds it does not know run core's reference kernel.
 */
export const pulsedUpdateConfig: KernelConfig<'PulsedUpdate'> = {
  kernelName: 'PulsedUpdate',
  backendName: ONNX_BACKEND_NAME,
  kernelFunc: ({ backend, inputs, attrs }) => runOnnxPulsedUpdate(asOnnxBackend(backend), inputs, attrs),
};
