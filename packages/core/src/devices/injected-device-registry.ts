import { injectAll, injectable } from 'tsyringe';
import { DeviceModel } from '../tokens.js';
import { DeviceModelRegistry } from './device-registry.js';

/** The DeviceRegistry a container builds from every model registered under the DeviceModel token. */
@injectable()
export class InjectedDeviceRegistry extends DeviceModelRegistry {
  constructor(@injectAll(DeviceModel, { isOptional: true }) models: DeviceModel[]) {
    super(models);
  }
}
