import { injectAll, injectable } from 'tsyringe';
import type { ParameterBase } from '../parameters/parameter-base.js';
import { DriftCompensation } from '../tokens.js';
import type { InferenceDriftCompensation } from './drift-compensation.js';
import { InferencePluginTable, type InferencePluginRegistry } from './inference-plugin-table.js';

/** The drift compensations of one container, one per parameter class. */
export interface DriftCompensationRegistry extends InferencePluginRegistry<InferenceDriftCompensation> {
  /** The compensation whose parameter class is `params`' class; throws InferenceModelError when none is registered. */
  forParameters<P extends ParameterBase>(params: P): InferenceDriftCompensation<P>;
}

export class DriftCompensationTable extends InferencePluginTable<InferenceDriftCompensation> implements DriftCompensationRegistry {
  constructor(compensations: readonly InferenceDriftCompensation[] = []) {
    super('drift compensation', compensations);
  }

  forParameters<P extends ParameterBase>(params: P): InferenceDriftCompensation<P> {
    return this.pluginFor(params) as unknown as InferenceDriftCompensation<P>;
  }
}

/** The DriftCompensationRegistry a container builds from every plugin registered under the DriftCompensation token. */
@injectable()
export class InjectedDriftCompensationRegistry extends DriftCompensationTable {
  constructor(@injectAll(DriftCompensation, { isOptional: true }) compensations: InferenceDriftCompensation[]) {
    super(compensations);
  }
}
