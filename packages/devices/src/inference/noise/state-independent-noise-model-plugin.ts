import { StateIndependentNoiseModel } from '../parameters/state-independent-noise-model.js';
import { ConductanceNoiseModelPlugin, type ConductanceNoise } from './conductance-noise.js';
import { polynomialStd } from './pcm-like-physics.js';

const STATE_INDEPENDENT_NOISE: ConductanceNoise<StateIndependentNoiseModel> = {
  converter: (p) => p.g_converter,
  t0: (p) => p.t_0,
  tRead: (p) => p.t_read,
  programmingStd: (p, gTarget) => p.prog_noise_scale * polynomialStd(p.prog_coeff, gTarget / p.g_max),
  driftExponent: (p, _gTarget, rng) => Math.abs(p.drift_nu_mean + p.drift_nu_std * rng.normal()) * p.drift_scale,
  readStd: (p, _gProg, gDrift, oneOverF) => Math.abs(gDrift / p.g_max) * p.read_noise_scale * oneOverF,
};

/**
 * aihwkit's StateIndependentNoiseModel: programming noise from a polynomial (constant by
 * default), drift exponents `|N(drift_nu_mean, drift_nu_std)|` for every conductance, and read
 * noise `|g_d/g_max|·sqrt(ln((t + t_read)/(2 t_read)))`.
 */
export class StateIndependentNoiseModelPlugin extends ConductanceNoiseModelPlugin<StateIndependentNoiseModel> {
  constructor() {
    super('state-independent', StateIndependentNoiseModel, STATE_INDEPENDENT_NOISE);
  }
}
