import cliProgress from 'cli-progress';
import type { OutputStream } from '../io.js';

/** One task with a known number of steps (an epoch's batches, the evaluations of a sweep). */
export interface ProgressTask {
  /** One more step done; `info` is shown beside the count (loss, accuracy, ...). */
  tick(info?: string): void;
  /** The task is over; `summary` replaces the live info. */
  finish(summary?: string): void;
}

/** Reports the progress of long tasks: bars on a terminal, plain lines otherwise, nothing with --json. */
export interface Progress {
  begin(title: string, total: number): ProgressTask;
  /** A line of its own between tasks. */
  note(line: string): void;
}

/** No output at all (machine-readable runs). */
export const silentProgress: Progress = {
  begin: () => ({ tick: () => {}, finish: () => {} }),
  note: () => {},
};

/** Bars when `stream` is a terminal, lines otherwise. */
export function progressFor(stream: OutputStream): Progress {
  return stream.isTTY ? new BarProgress(stream as NodeJS.WritableStream) : new LineProgress(stream);
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

/** cli-progress bars, one per task, with count, info and ETA. */
class BarProgress implements Progress {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  begin(title: string, total: number): ProgressTask {
    const bar = new cliProgress.SingleBar(
      {
        stream: this.stream,
        format: `${title} |{bar}| {value}/{total} {info} | ETA {eta_formatted}`,
        barsize: 24,
        hideCursor: true,
        etaBuffer: 20,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let done = 0;
    bar.start(total, 0, { info: '' });
    return {
      tick: (info = '') => bar.update(++done, { info }),
      finish: (summary) => {
        bar.update(done, { info: summary ?? '' });
        bar.stop();
      },
    };
  }

  note(line: string): void {
    this.stream.write(`${line}\n`);
  }
}

/** Plain lines for logs and pipes: one at every tenth of a task and one at its end. */
class LineProgress implements Progress {
  constructor(private readonly stream: OutputStream) {}

  begin(title: string, total: number): ProgressTask {
    const start = performance.now();
    let done = 0;
    let nextReport = 0.1;
    return {
      tick: (info = '') => {
        done += 1;
        if (done >= total || done / total < nextReport) return;
        nextReport = Math.floor((done / total) * 10 + 1) / 10;
        const elapsed = (performance.now() - start) / 1000;
        const eta = (elapsed / done) * (total - done);
        this.stream.write(`${title}: ${done}/${total} ${info} | ETA ${formatSeconds(eta)}\n`);
      },
      finish: (summary = '') => {
        const elapsed = (performance.now() - start) / 1000;
        this.stream.write(`${title}: ${done}/${total} ${summary} | ${formatSeconds(elapsed)}\n`);
      },
    };
  }

  note(line: string): void {
    this.stream.write(`${line}\n`);
  }
}
