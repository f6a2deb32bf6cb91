import { createRuntime, getDefaultRuntime, registerCore, setDefaultRuntime, type Runtime } from '@analogkit/core';
import { registerAllDevices } from '@analogkit/devices';

let installed = false;

/**
 * The runtime layers use when none is given: core's default runtime, which nn replaces on first
 * use by one with every built-in plugin (core, the device catalogue, inference models).
 */
export function defaultRuntime(): Runtime {
  if (!installed) {
    setDefaultRuntime(createRuntime({ register: [registerCore, registerAllDevices] }));
    installed = true;
  }
  return getDefaultRuntime();
}
