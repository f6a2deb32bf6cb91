import { AnalogKitError } from '@analogkit/core';
import { Command, CommanderError } from 'commander';
import { addBenchCommand } from './commands/bench-command.js';
import { addHwaDriftCommand } from './commands/hwa-drift-command.js';
import { addInfoCommand } from './commands/info-command.js';
import { addTrainCommand } from './commands/train-command.js';
import { cliVersion } from './info/versions.js';
import { processIO, writeLine, type CliIO } from './io.js';

/** The `analogkit` program; its commands write to `io` and throw instead of exiting. */
export function createProgram(io: CliIO): Command {
  const program = new Command('analogkit')
    .description('analogkit: analog in-memory computing for neural networks, simulated in TypeScript (after IBM aihwkit).')
    .version(cliVersion())
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  addHwaDriftCommand(program, io);
  addTrainCommand(program, io);
  addInfoCommand(program, io);
  addBenchCommand(program, io);
  return program;
}

/**
 * Runs the command line `argv` (without node and the script) and resolves to the exit code:
 * 0 on success and for --help/--version, 1 for a bad command line or a failed run, with the
 * reason on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof AnalogKitError) {
      writeLine(io.stderr, `analogkit: ${error.message}`);
      return 1;
    }
    writeLine(io.stderr, `analogkit: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}
