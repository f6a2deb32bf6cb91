import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli-error.js';
import { writeLine, type CliIO } from '../io.js';

/** The repository's benchmark script and the folder it runs in (it writes bench/results.json there). */
const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
const BENCH_SCRIPT = fileURLToPath(new URL('../../../../scripts/bench.ts', import.meta.url));
const BENCH_RESULTS = fileURLToPath(new URL('../../../../bench/results.json', import.meta.url));

/** Runs `npm run bench` (scripts/bench.ts through tsx) and passes its output on; resolves to its exit code. */
function runBenchScript(io: CliIO, quiet: boolean): Promise<number> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const child = spawn(process.execPath, [tsx, '--conditions=@analogkit/source', BENCH_SCRIPT], { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => {
    if (!quiet) io.stdout.write(chunk.toString());
  });
  child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Adds `analogkit bench`: the backend benchmark of the repository (`npm run bench`). */
export function addBenchCommand(program: Command, io: CliIO): void {
  program
    .command('bench')
    .description(
      'Benchmark the backends: forward/backward of a 1024x1024 inference tile and a pulsed update, batch 256, ' +
        "each against the machine's bare onnxruntime MatMul; prints a table and writes bench/results.json.",
    )
    .option('--json', 'print only bench/results.json')
    .action(async (flags: { json?: boolean }) => {
      if (!existsSync(BENCH_SCRIPT)) {
        throw new CliError(`analogkit bench runs the repository's benchmark script, ${BENCH_SCRIPT}, which is not there; run it from a clone of the analogkit repository.`);
      }
      const code = await runBenchScript(io, flags.json ?? false);
      if (code !== 0) throw new CliError(`The benchmark failed (exit code ${code}); its messages are above.`);
      if (flags.json) writeLine(io.stdout, readFileSync(BENCH_RESULTS, 'utf8').trimEnd());
    });
}
