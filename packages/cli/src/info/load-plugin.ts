import { DeviceModel, DriftCompensation, NoiseModel, type Registrar, type Runtime } from '@analogkit/core';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from '../cli-error.js';

/** What one plugin added to a runtime. */
export interface LoadedPlugin {
  specifier: string;
  deviceModels: string[];
  noiseModels: string[];
  driftCompensations: string[];
}

function importTarget(moduleName: string): string {
  return moduleName.startsWith('.') || isAbsolute(moduleName) ? pathToFileURL(resolve(moduleName)).href : moduleName;
}

/** The registrar a plugin module offers: the named export, else its default export, else its one `register...` function. */
function pickRegistrar(module: Record<string, unknown>, specifier: string, exportName: string | undefined): Registrar {
  if (exportName !== undefined) {
    const named = module[exportName];
    if (typeof named !== 'function') throw new CliError(`Plugin ${specifier}: the module has no function export "${exportName}".`);
    return named as Registrar;
  }
  if (typeof module.default === 'function') return module.default as Registrar;
  const registrars = Object.keys(module).filter((name) => name.startsWith('register') && typeof module[name] === 'function');
  if (registrars.length !== 1) {
    throw new CliError(
      `Plugin ${specifier}: ${registrars.length ? `several registrars (${registrars.join(', ')})` : 'no default export and no register... function'}; ` +
        'name the one to use as module#exportName.',
    );
  }
  return module[registrars[0]!] as Registrar;
}

/**
 * Loads a device plugin (`module` or `module#registrarExport`) into a runtime that already
 * exists: the registrar runs on a scratch child container, and the device models, noise models
 * and drift compensations it registered there join the runtime's registries. A model already
 * registered with the same parameter class (the plugin loaded twice) is left as it is.
 */
export async function loadPlugin(specifier: string, runtime: Runtime): Promise<LoadedPlugin> {
  const hash = specifier.lastIndexOf('#');
  const moduleName = hash > 0 ? specifier.slice(0, hash) : specifier;
  const exportName = hash > 0 ? specifier.slice(hash + 1) : undefined;
  let module: Record<string, unknown>;
  try {
    module = (await import(importTarget(moduleName))) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`Cannot load plugin ${moduleName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const scratch = runtime.container.createChildContainer();
  pickRegistrar(module, specifier, exportName)(scratch);
  const loaded: LoadedPlugin = { specifier, deviceModels: [], noiseModels: [], driftCompensations: [] };
  for (const model of scratch.isRegistered(DeviceModel) ? scratch.resolveAll(DeviceModel) : []) {
    if (runtime.devices.has(model.kind) && runtime.devices.get(model.kind).parameterClass === model.parameterClass) continue;
    runtime.devices.register(model);
    loaded.deviceModels.push(model.kind);
  }
  const known = (kinds: string[], kind: string) => kinds.includes(kind);
  for (const model of scratch.isRegistered(NoiseModel) ? scratch.resolveAll(NoiseModel) : []) {
    if (known(runtime.noiseModels.kinds(), model.kind)) continue;
    runtime.noiseModels.register(model);
    loaded.noiseModels.push(model.kind);
  }
  for (const compensation of scratch.isRegistered(DriftCompensation) ? scratch.resolveAll(DriftCompensation) : []) {
    if (known(runtime.driftCompensations.kinds(), compensation.kind)) continue;
    runtime.driftCompensations.register(compensation);
    loaded.driftCompensations.push(compensation.kind);
  }
  return loaded;
}
