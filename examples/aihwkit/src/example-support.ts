import { Tensor } from '@analogkit/core';
import { AnalogSGD, MSELoss, type Module } from '@analogkit/nn';
import { pathToFileURL } from 'node:url';

/** Whether the module at `moduleUrl` is the script node (or tsx) was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

/** Options every example takes. */
export interface ExampleOptions {
  /** A short run for tests and smoke checks. */
  quick?: boolean;
  /** Seed of the weight init and of the tiles' noise. */
  seed?: number;
  /** Where progress lines go (default: nowhere; `main` prints them). */
  log?: (line: string) => void;
}

/** aihwkit's toy data of examples 01, 05, 07, 08 and 12: learn y from x with one layer. */
export const TOY_X = Tensor.from([
  [0.1, 0.2, 0.4, 0.3],
  [0.2, 0.1, 0.1, 0.3],
]);
export const TOY_Y = Tensor.from([
  [1.0, 0.5],
  [0.7, 0.3],
]);

/** Runs an example as a script, printing its log; `--quick` on the command line asks for the short run. */
export async function runAsScript(run: (options: ExampleOptions) => Promise<unknown>): Promise<void> {
  await run({ quick: process.argv.includes('--quick'), log: (line) => console.log(line) });
}

/**
 * Full-batch training of a toy model with the MSE loss: `epochs` steps of AnalogSGD at `lr`,
 * returning the loss of every step (aihwkit's examples 01, 02, 05, 07, 08 and 12 loop like this).
 */
export async function trainOnToyData(model: Module, x: Tensor, y: Tensor, epochs: number, lr: number, log: (line: string) => void, logEvery = 10): Promise<number[]> {
  const optimizer = new AnalogSGD(model, { lr });
  const criterion = new MSELoss();
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    optimizer.zeroGrad();
    const loss = criterion.forward(await model.forward(x), y);
    await model.backward(criterion.backward());
    await optimizer.step();
    losses.push(loss);
    if (epoch % logEvery === 0 || epoch === epochs - 1) log(`epoch ${epoch}: loss ${loss.toFixed(6)}`);
  }
  return losses;
}
