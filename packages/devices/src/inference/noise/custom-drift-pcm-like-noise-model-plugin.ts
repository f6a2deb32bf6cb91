import { CustomDriftModel } from '../parameters/custom-drift-model.js';
import { CustomDriftPCMLikeNoiseModel } from '../parameters/custom-drift-pcm-like-noise-model.js';
import { ConductanceNoiseModelPlugin, type ConductanceNoise } from './conductance-noise.js';
import { pcmProgrammingStd, pcmReadStd } from './pcm-like-physics.js';

/** Linear interpolation in an ascending table, constant beyond its ends (numpy's interp). */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  const last = xs.length - 1;
  if (x <= xs[0]!) return ys[0]!;
  if (x >= xs[last]!) return ys[last]!;
  let k = 1;
  while (xs[k]! < x) k++;
  const x0 = xs[k - 1]!;
  const x1 = xs[k]!;
  return x1 === x0 ? ys[k]! : ys[k - 1]! + ((ys[k]! - ys[k - 1]!) * (x - x0)) / (x1 - x0);
}

const CUSTOM_DRIFT_NOISE: ConductanceNoise<CustomDriftPCMLikeNoiseModel> = {
  converter: (p) => p.g_converter,
  t0: (p) => p.t_0,
  tRead: (p) => p.t_read,
  programmingStd: pcmProgrammingStd,
  driftExponent(p, gTarget, rng) {
    const table = p.custom_drift_model!;
    const mean = interpolate(table.g_lst, table.nu_mean_lst, gTarget);
    const std = interpolate(table.g_lst, table.nu_std_lst, gTarget);
    return Math.abs(mean + std * rng.normal()) * p.drift_scale;
  },
  readStd: pcmReadStd,
};

/**
 * aihwkit's CustomDriftPCMLikeNoiseModel: the PCM-like model with drift-exponent mean and std
 * interpolated from a user table at each device's target conductance (clipped to the table).
 */
export class CustomDriftPCMLikeNoiseModelPlugin extends ConductanceNoiseModelPlugin<CustomDriftPCMLikeNoiseModel> {
  constructor() {
    super('custom-drift-pcm-like', CustomDriftPCMLikeNoiseModel, CUSTOM_DRIFT_NOISE, [CustomDriftModel]);
  }
}
