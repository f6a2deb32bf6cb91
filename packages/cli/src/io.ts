/** Where a command writes: its output, its messages and errors, and whether the output is a terminal. */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
}

/** The part of a writable stream the commands use; `isTTY` switches progress bars on. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** The process's own streams. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr };
}

/** Writes one line. */
export function writeLine(stream: OutputStream, line = ''): void {
  stream.write(`${line}\n`);
}
