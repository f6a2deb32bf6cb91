import { DeviceModel, DeviceRegistry, type Registrar } from '@analogkit/core';
import { MixedPrecisionCompoundModel } from './mixed-precision-compound-model.js';
import { OneSidedUnitCellModel } from './one-sided-unit-cell-model.js';
import { TransferCompoundModel } from './transfer-compound-model.js';
import { VectorUnitCellModel } from './vector-unit-cell-model.js';

type Container = Parameters<Registrar>[0];

/**
 * Registers the compound device models (VectorUnitCell, OneSidedUnitCell, TransferCompound,
 * MixedPrecisionCompound) in a runtime's container. They find their devices' models through the
 * container's DeviceRegistry when used, so the devices' plugins may be registered before or after.
 */
export function registerCompoundDevices(container: Container): void {
  const registry = (): DeviceRegistry => container.resolve(DeviceRegistry);
  container.register(DeviceModel, { useValue: new VectorUnitCellModel(registry) });
  container.register(DeviceModel, { useValue: new OneSidedUnitCellModel(registry) });
  container.register(DeviceModel, { useValue: new TransferCompoundModel(registry) });
  container.register(DeviceModel, { useValue: new MixedPrecisionCompoundModel(registry) });
}
