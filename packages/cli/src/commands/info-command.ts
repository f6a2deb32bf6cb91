import { defaultRuntime } from '@analogkit/nn';
import type { Command } from 'commander';
import { collectInfo } from '../info/collect-info.js';
import { loadPlugin, type LoadedPlugin } from '../info/load-plugin.js';
import { writeLine, type CliIO } from '../io.js';
import { infoReport } from '../report/info-report.js';

/** Adds `analogkit info`: versions, backends, native kernels and registered plugins. */
export function addInfoCommand(program: Command, io: CliIO): void {
  program
    .command('info')
    .description('Versions, compute backends (availability, and why not), the kernels each runs natively, and the registered device models.')
    .option('--plugin <module...>', 'load device plugins first (a module exporting a registrar; module#export to pick one)')
    .option('--json', 'print only JSON')
    .action(async (flags: { plugin?: string[]; json?: boolean }) => {
      const runtime = defaultRuntime();
      const plugins: LoadedPlugin[] = [];
      for (const specifier of flags.plugin ?? []) plugins.push(await loadPlugin(specifier, runtime));
      const info = await collectInfo(runtime, plugins);
      writeLine(io.stdout, flags.json ? JSON.stringify(info, null, 2) : infoReport(info));
    });
}
