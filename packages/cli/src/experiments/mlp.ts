import { XoshiroRandom, type RPUConfig } from '@analogkit/core';
import { AnalogLinear, AnalogSequential, ReLU } from '@analogkit/nn';

/** Layer sizes of the experiments' network: MNIST pixels, two hidden layers, ten digits. */
export const MLP_SIZES = [784, 256, 128, 10] as const;

/**
 * The 784-256-128-10 ReLU network of aihwkit's MNIST examples, every layer analog with its own
 * copy of `rpuConfig`. `seed` fixes the initial weights and the tiles' noise.
 */
export function buildMlp(rpuConfig: RPUConfig, seed: number): AnalogSequential {
  const seeds = new XoshiroRandom(seed);
  const layers = [];
  for (let i = 0; i + 1 < MLP_SIZES.length; i++) {
    if (i > 0) layers.push(new ReLU());
    layers.push(new AnalogLinear(MLP_SIZES[i]!, MLP_SIZES[i + 1]!, { rpuConfig, seed: seeds.nextUint32() }));
  }
  return new AnalogSequential(...layers);
}
