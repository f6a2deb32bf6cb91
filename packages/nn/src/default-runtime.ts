import { registerGpuJsBackend } from '@analogkit/backend-gpujs';
import { registerOnnxBackend } from '@analogkit/backend-onnx';
import { createRuntime, getDefaultRuntime, registerCore, setDefaultRuntime, type Runtime } from '@analogkit/core';
import { registerAllDevices } from '@analogkit/devices';

let installed = false;

/**
 * The runtime layers use when none is given: core's default runtime, which nn replaces on first
 * use by one with every built-in plugin: the backends (onnx, then gpujs, then reference, by
 * priority; a backend that fails to initialise is skipped with its reason kept), the device
 * catalogue and the inference models.
 */
export function defaultRuntime(): Runtime {
  if (!installed) {
    setDefaultRuntime(
      createRuntime({
        register: [registerCore, (c) => registerOnnxBackend(c), (c) => registerGpuJsBackend(c), registerAllDevices],
      }),
    );
    installed = true;
  }
  return getDefaultRuntime();
}
