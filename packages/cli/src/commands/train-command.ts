import { Option, type Command } from 'commander';
import { TRAIN_COMPOUNDS, TRAIN_DEVICES } from '../experiments/pulsed-config.js';
import { runTrain, type TrainOptions } from '../experiments/train-analog.js';
import type { CliIO } from '../io.js';
import { optionsWithQuickDefaults } from '../options/quick-defaults.js';
import { sharedOptions } from '../options/shared-options.js';
import { accuracyPerEpochChart } from '../report/accuracy-per-epoch-chart.js';
import { progressFor, silentProgress } from '../report/progress.js';
import { trainReport } from '../report/train-report.js';
import { publishResults } from './publish-results.js';

export const EPOCH_CHART_FILE = 'accuracy-per-epoch.svg';

/** The parsed command line: the experiment's options, where to write, and how to print. */
type TrainFlags = Omit<TrainOptions, 'quick'> & { out?: string; quick?: boolean; json?: boolean };

const QUICK: Partial<TrainFlags> = { epochs: 1, batchSize: 32, trainSize: 1000, testSize: 300 };

/** Adds `analogkit train`: pulsed in-memory training of the MLP on MNIST (aihwkit example 03). */
export function addTrainCommand(program: Command, io: CliIO): void {
  const command = program
    .command('train')
    .description('In-memory analog training of the 784-256-128-10 MLP on MNIST with pulsed device updates; test accuracy per epoch.')
    .addOption(new Option('--device <kind>', 'device model of every cross-point').choices(TRAIN_DEVICES).default('constant-step'))
    .addOption(new Option('--compound <rule>', 'learning rule: plain SGD on one device, Tiki-Taka, or mixed precision').choices(TRAIN_COMPOUNDS).default('none'));
  for (const option of sharedOptions({ epochs: 3, batchSize: 64, lr: 0.1, trainSize: 60000, testSize: 10000 })) command.addOption(option);
  command.action(async (_options: unknown, self: Command) => {
    const flags = optionsWithQuickDefaults<TrainFlags>(self, QUICK);
    const { out: _out, json: _json, ...experiment } = flags;
    const result = await runTrain(
      { ...experiment, quick: flags.quick ?? false },
      flags.json ? silentProgress : progressFor(io.stdout),
    );
    const title = `MNIST ${result.config.network}, ${flags.device} (${flags.compound}) pulsed training (${result.backend.device})`;
    await publishResults(io, flags, result, { file: EPOCH_CHART_FILE, spec: accuracyPerEpochChart(result.epochs, title) }, trainReport(result));
  });
}
