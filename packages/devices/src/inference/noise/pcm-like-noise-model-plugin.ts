import { PCMLikeNoiseModel } from '@analogkit/core';
import { ConductanceNoiseModelPlugin, type ConductanceNoise } from './conductance-noise.js';
import { pcmDriftExponentMoments, pcmProgrammingStd, pcmReadStd } from './pcm-like-physics.js';

const PCM_NOISE: ConductanceNoise<PCMLikeNoiseModel> = {
  converter: (p) => p.g_converter,
  t0: (p) => p.t_0,
  tRead: (p) => p.t_read,
  programmingStd: pcmProgrammingStd,
  driftExponent(p, gTarget, rng) {
    const { mean, std } = pcmDriftExponentMoments(p, gTarget);
    return Math.abs(mean + std * rng.normal()) * p.drift_scale;
  },
  readStd: pcmReadStd,
};

/**
 * aihwkit's PCMLikeNoiseModel (Nandakumar et al. 2019): polynomial programming noise, drift
 * exponents from the PCM fit, and accumulated 1/f read noise.
 */
export class PCMLikeNoiseModelPlugin extends ConductanceNoiseModelPlugin<PCMLikeNoiseModel> {
  constructor() {
    super('pcm-like', PCMLikeNoiseModel, PCM_NOISE);
  }
}
