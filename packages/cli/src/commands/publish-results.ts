import type { TopLevelSpec } from 'vega-lite';
import { writeLine, type CliIO } from '../io.js';
import { defaultOutputFolder, writeOutputFiles } from '../report/output-folder.js';
import { renderSvg } from '../report/render-svg.js';

export const RESULTS_FILE = 'results.json';

/**
 * Writes results.json and the chart into the output folder, then prints the report and the
 * paths (or, with --json, only the results with the paths added).
 */
export async function publishResults(
  io: CliIO,
  flags: { out?: string; json?: boolean },
  result: object,
  chart: { file: string; spec: TopLevelSpec },
  report: string,
): Promise<Record<string, string>> {
  const svg = await renderSvg(chart.spec);
  const files = writeOutputFiles(flags.out ?? defaultOutputFolder(), {
    [RESULTS_FILE]: `${JSON.stringify(result, null, 2)}\n`,
    [chart.file]: svg,
  });
  if (flags.json) {
    writeLine(io.stdout, JSON.stringify({ ...result, files }, null, 2));
  } else {
    writeLine(io.stdout);
    writeLine(io.stdout, report);
    writeLine(io.stdout);
    for (const path of Object.values(files)) writeLine(io.stdout, `wrote ${path}`);
  }
  return files;
}
