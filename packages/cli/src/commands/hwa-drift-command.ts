import { Option, type Command } from 'commander';
import { HWA_PRESETS } from '../experiments/hwa-config.js';
import { runHwaDrift, type HwaDriftOptions } from '../experiments/hwa-drift.js';
import type { CliIO } from '../io.js';
import { DEFAULT_TIMES, parseInferenceTimes } from '../options/durations.js';
import { positiveInteger, unitInterval } from '../options/numbers.js';
import { optionsWithQuickDefaults } from '../options/quick-defaults.js';
import { sharedOptions } from '../options/shared-options.js';
import { accuracyVsTimeChart } from '../report/accuracy-vs-time-chart.js';
import { hwaDriftReport } from '../report/hwa-drift-report.js';
import { progressFor, silentProgress } from '../report/progress.js';
import { publishResults } from './publish-results.js';

export const ACCURACY_CHART_FILE = 'accuracy-vs-time.svg';

/** The parsed command line: the experiment's options, where to write, and how to print. */
type HwaDriftFlags = Omit<HwaDriftOptions, 'quick'> & { out?: string; quick?: boolean; json?: boolean };

/** What --quick changes: a run of a few seconds that still learns something. */
const QUICK: Partial<HwaDriftFlags> = { epochs: 1, batchSize: 32, trainSize: 1000, testSize: 300, repeats: 2 };

/** Adds `analogkit hwa-drift`, the main experiment (what `npm start` runs). */
export function addHwaDriftCommand(program: Command, io: CliIO): void {
  const command = program
    .command('hwa-drift')
    .description(
      'Hardware-aware training of a 784-256-128-10 MLP on MNIST, then PCM programming and drift: test accuracy ' +
        'from 1 s to 10 years after programming, with and without drift compensation, beside the digital accuracy.',
    )
    .addOption(new Option('--preset <name>', 'training config: inference (InferenceRPUConfig as in aihwkit examples 05/06) or standard-hwa (StandardHWATrainingPreset)').choices(HWA_PRESETS).default('inference'));
  for (const option of sharedOptions({ epochs: 3, batchSize: 128, lr: 0.02, trainSize: 60000, testSize: 10000 })) command.addOption(option);
  command
    .addOption(new Option('--momentum <m>', 'SGD momentum').argParser(unitInterval).default(0.9))
    .addOption(new Option('--repeats <n>', 'programmings of the trained weights (each with fresh PCM noise)').argParser(positiveInteger).default(5))
    .addOption(
      new Option('--times <list>', 'times after programming, comma-separated: seconds or a number with s, min, h, d, w, mo, y')
        .argParser(parseInferenceTimes)
        .default(parseInferenceTimes(DEFAULT_TIMES), DEFAULT_TIMES),
    )
    .action(async (_options: unknown, self: Command) => {
      const flags = optionsWithQuickDefaults<HwaDriftFlags>(self, QUICK);
      const { out: _out, json: _json, ...experiment } = flags;
      const options: HwaDriftOptions = { ...experiment, quick: flags.quick ?? false };
      const result = await runHwaDrift(options, flags.json ? silentProgress : progressFor(io.stdout));
      const title = `MNIST ${result.config.network}, ${options.preset} HWA training, PCM drift (${result.backend.device})`;
      await publishResults(io, flags, result, { file: ACCURACY_CHART_FILE, spec: accuracyVsTimeChart(result.drift, result.accuracy.digital, title) }, hwaDriftReport(result));
    });
}
