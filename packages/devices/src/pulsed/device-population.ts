import { type PulsedDeviceParameters, type RandomSource, samplePulsedDevicePopulation, XoshiroRandom } from '@analogkit/core';

/** The shared per-device arrays of aihwkit's pulsed-device population (max_bound, dwmin_up, ...). */
export type Population = ReturnType<typeof samplePulsedDevicePopulation>;

/** The shared population and the generator a model's own hidden parameters continue from. */
export interface PopulationDraw {
  readonly population: Population;
  readonly random: RandomSource;
}

/**
 * Draws the shared pulsed-device population. As in aihwkit, a non-zero `construction_seed`
 * replaces the tile's generator for all construction draws, so the model's own hidden parameters
 * continue the seeded stream after the population.
 */
export function drawPopulation(p: PulsedDeviceParameters, rows: number, cols: number, rng: RandomSource): PopulationDraw {
  if (p.construction_seed === 0) return { population: samplePulsedDevicePopulation(p, rows, cols, rng), random: rng };
  const random = new XoshiroRandom(p.construction_seed);
  const unseeded = p.copy();
  unseeded.construction_seed = 0;
  return { population: samplePulsedDevicePopulation(unseeded, rows, cols, random), random };
}
