import { describeBackendConformance } from '@analogkit/core/testing';
import { registerOnnxBackend } from './register-onnx-backend.js';
import { onnxRuntimeAvailable } from './runtime/availability.js';

describeBackendConformance({
  backendName: 'onnx',
  device: 'onnx:cpu',
  create: (c) => registerOnnxBackend(c),
  available: () => onnxRuntimeAvailable(),
});
