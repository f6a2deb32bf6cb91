import { injectAll, injectable } from 'tsyringe';
import type { ParameterBase } from '../parameters/parameter-base.js';
import { NoiseModel } from '../tokens.js';
import { InferencePluginTable, type InferencePluginRegistry } from './inference-plugin-table.js';
import type { InferenceNoiseModel } from './noise-model.js';

/** The inference noise models of one container, one per parameter class. */
export interface NoiseModelRegistry extends InferencePluginRegistry<InferenceNoiseModel> {
  /** The model whose parameter class is `params`' class; throws InferenceModelError when none is registered. */
  forParameters<P extends ParameterBase>(params: P): InferenceNoiseModel<P>;
}

export class NoiseModelTable extends InferencePluginTable<InferenceNoiseModel> implements NoiseModelRegistry {
  constructor(models: readonly InferenceNoiseModel[] = []) {
    super('noise model', models);
  }

  forParameters<P extends ParameterBase>(params: P): InferenceNoiseModel<P> {
    return this.pluginFor(params) as unknown as InferenceNoiseModel<P>;
  }
}

/** The NoiseModelRegistry a container builds from every model registered under the NoiseModel token. */
@injectable()
export class InjectedNoiseModelRegistry extends NoiseModelTable {
  constructor(@injectAll(NoiseModel, { isOptional: true }) models: InferenceNoiseModel[]) {
    super(models);
  }
}
