import { WeightModifierType } from './enums.js';
import { bool, enumOf, nonNeg, num, numbers, prob } from './field-spec.js';
import { ParameterBase, type ParameterInit } from './parameter-base.js';

/** Modification of the forward/backward weight copy during hardware-aware training. */
export class WeightModifierParameter extends ParameterBase {
  static override readonly className = 'WeightModifierParameter';
  static override readonly fields = {
    std_dev: nonNeg(),
    per_batch_sample: bool(),
    res: num(),
    sto_round: bool(),
    dorefa_clip: nonNeg(),
    pdrop: prob(),
    enable_during_test: bool(),
    rel_to_actual_wmax: bool(),
    assumed_wmax: num({ min: 0, minExclusive: true }),
    copy_last_column: bool(),
    coeffs: numbers(),
    type: enumOf('WeightModifierType', WeightModifierType),
    g_max: num({ min: 0, minExclusive: true }),
    pcm_zero_thres: nonNeg(),
    pcm_t_inference: nonNeg(),
    pcm_prob_at_reset: prob(),
    pcm_prob_at_gmax: prob(),
    pcm_prob_at_random: prob(),
    pcm_t0: num({ min: 0, minExclusive: true }),
  };

  std_dev = 0.0;
  per_batch_sample = false;
  res = 0.0;
  sto_round = false;
  dorefa_clip = 0.6;
  pdrop = 0.0;
  enable_during_test = false;
  rel_to_actual_wmax = true;
  assumed_wmax = 1.0;
  copy_last_column = false;
  coeffs: number[] = [0.0105392, 0.0768, -0.046925];
  type: WeightModifierType = WeightModifierType.NONE;
  g_max = 25.0;
  pcm_zero_thres = 0.0;
  pcm_t_inference = 0.0;
  pcm_prob_at_reset = 0.0;
  pcm_prob_at_gmax = 0.0;
  pcm_prob_at_random = 0.0;
  pcm_t0 = 20.0;

  constructor(init?: ParameterInit<WeightModifierParameter>) {
    super();
    this.init(init);
  }
}
