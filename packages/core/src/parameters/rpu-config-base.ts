import { nested } from './field-spec.js';
import { MappingParameter } from './mapping-parameter.js';
import { ParameterBase } from './parameter-base.js';
import { PrePostProcessingParameter } from './pre-post-processing-parameter.js';

/** The fields every RPU config shares: `mapping` and `pre_post`. */
export const rpuConfigBaseFields = {
  mapping: nested('MappingParameter'),
  pre_post: nested('PrePostProcessingParameter'),
};

/** Base of every RPU config (aihwkit's MappableRPU + PrePostProcessingRPU). */
export abstract class RPUConfigBase extends ParameterBase {
  static override readonly className: string = 'RPUConfigBase';

  mapping: MappingParameter = new MappingParameter();
  pre_post: PrePostProcessingParameter = new PrePostProcessingParameter();
}
