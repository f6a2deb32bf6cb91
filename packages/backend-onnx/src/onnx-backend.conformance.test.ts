import { describeBackendConformance } from '@analogkit/core/testing';
import { registerOnnxBackend } from './register-onnx-backend.js';
import { onnxRuntimeAvailable } from './runtime/availability.js';

describeBackendConformance({
  backendName: 'onnx',
  device: 'onnx:cpu',
  create: (c) => registerOnnxBackend(c),
  available: () => onnxRuntimeAvailable(),
});

// Every MVM stage in the graph, as on the GPU targets.
describeBackendConformance({
  backendName: 'onnx',
  device: 'onnx:cpu',
  create: (c) => registerOnnxBackend(c, { hostStages: false }),
  available: () => onnxRuntimeAvailable(),
});
