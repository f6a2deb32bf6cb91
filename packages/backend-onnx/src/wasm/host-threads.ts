import { Worker } from 'node:worker_threads';

/** A job export of host-kernels.wat: computes chunk `chunk` of the job described at `desc`. */
export type HostJobExport = (desc: number, chunk: number, scratch: number) => void;

/** What the calling thread does besides its share of a job's chunks (see HostThreads.run). */
export interface CallingThreadWork {
  readonly alongside?: () => void;
  readonly afterChunk?: (chunk: number) => void;
}

/** Words of the control block at the start of the shared memory. */
const WAKE = 0;
/** `generation << 16 | next chunk`; chunk CLOSED while a job is being set up. */
const NEXT = 1;
const DONE = 2;
const JOB = 3;
const DESC = 4;
const COUNT = 5;
const QUIT = 6;
const CONTROL_WORDS = 8;
const CLOSED = 0xffff;
/** The most chunks of one job (the chunk index has 16 bits, CLOSED excluded). */
export const MAX_CHUNKS = 0xfffe;
/** How long the host waits by default for a worker's chunk before it takes the whole job back. */
const WORKER_TIMEOUT_MS = 5_000;

/**
 * Runs the chunks of one host-kernels job on the calling thread and `workers` worker threads
 * that share its WebAssembly memory. Each thread claims chunks with a compare-and-swap on the
 * control block until none is left; the caller returns once every chunk is done. Workers sleep on
 * Atomics between jobs (so they take no core from onnxruntime), start on the first job that has
 * chunks to share, do not keep the process alive, and stop on `dispose()`. Jobs never write their
 * own inputs, so when a worker stops answering the host drops the workers and computes the whole
 * job itself.
 */
export class HostThreads {
  private readonly control: Int32Array;
  private pool: Worker[] | null = null;
  private started: Promise<void>[] = [];
  private generation = 0;
  private broken = false;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    /** The job exports of the host thread's instance, in the order the workers look them up. */
    private readonly jobs: readonly (readonly [name: string, run: HostJobExport])[],
    private readonly workers: number,
    /** The byte offset of each thread's 128-byte scratch area (thread t at scratch + 128 t). */
    private readonly scratch: number,
    /** How long the host waits for a worker's chunk before it takes the whole job back. */
    private readonly timeoutMs = WORKER_TIMEOUT_MS,
  ) {
    this.control = new Int32Array(memory.buffer, 0, CONTROL_WORDS);
  }

  /**
   * Computes chunks 0 .. chunks-1 of job `job` (an index into `jobs`) described at `desc`. The
   * calling thread runs `alongside` once the workers have been woken, before it takes chunks
   * itself (work the job's chunks wait for, while the workers wake up), and `afterChunk` after
   * each chunk it computed itself.
   */
  run(job: number, desc: number, chunks: number, host: CallingThreadWork = {}): void {
    const run = this.jobs[job]![1];
    const { alongside, afterChunk } = host;
    if (chunks <= 1 || this.workers === 0 || this.broken) {
      alongside?.();
      this.runAllHere(run, desc, chunks, afterChunk);
      return;
    }
    this.pool ??= this.startWorkers();
    const c = this.control;
    const generation = (this.generation = (this.generation + 1) & 0x7fff);
    Atomics.store(c, NEXT, (generation << 16) | CLOSED);
    Atomics.store(c, JOB, job);
    Atomics.store(c, DESC, desc);
    Atomics.store(c, COUNT, chunks);
    Atomics.store(c, DONE, 0);
    Atomics.store(c, NEXT, generation << 16);
    Atomics.add(c, WAKE, 1);
    Atomics.notify(c, WAKE);
    alongside?.();
    for (;;) {
      const next = Atomics.load(c, NEXT);
      const k = next & 0xffff;
      if (k >= chunks) break;
      if (Atomics.compareExchange(c, NEXT, next, next + 1) !== next) continue;
      run(desc, k, this.scratch);
      Atomics.add(c, DONE, 1);
      afterChunk?.(k);
    }
    for (let done = Atomics.load(c, DONE); done < chunks; done = Atomics.load(c, DONE)) {
      if (Atomics.wait(c, DONE, done, this.timeoutMs) === 'timed-out' && Atomics.load(c, DONE) === done) {
        this.dispose();
        this.runAllHere(run, desc, chunks, afterChunk);
        return;
      }
    }
  }

  /**
   * Starts the workers (otherwise started by the first job with chunks to share) and resolves
   * once each is waiting for jobs: to warm up before timing, or for tests that need them.
   */
  async whenReady(): Promise<void> {
    if (this.workers === 0 || this.broken) return;
    this.pool ??= this.startWorkers();
    await Promise.all(this.started);
  }

  /** Stops the workers; later jobs run on the calling thread alone. */
  dispose(): void {
    this.broken = true;
    if (!this.pool) return;
    Atomics.store(this.control, QUIT, 1);
    Atomics.add(this.control, WAKE, 1);
    Atomics.notify(this.control, WAKE);
    for (const worker of this.pool) void worker.terminate();
    this.pool = null;
  }

  /** Every chunk of a job on the calling thread. */
  private runAllHere(run: HostJobExport, desc: number, chunks: number, afterChunk?: (chunk: number) => void): void {
    for (let k = 0; k < chunks; k++) {
      run(desc, k, this.scratch);
      afterChunk?.(k);
    }
  }

  private startWorkers(): Worker[] {
    const pool = Array.from({ length: this.workers }, (_, t) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: this.module, memory: this.memory, jobs: this.jobs.map(([name]) => name), scratch: this.scratch + 128 * (t + 1) },
      });
      // An undisposed backend must not keep the process alive; a failed worker shows up as a
      // timed-out job, after which the host computes alone.
      worker.unref();
      worker.on('error', () => {});
      return worker;
    });
    this.started = pool.map((worker) => new Promise<void>((resolve) => worker.once('message', () => resolve())));
    return pool;
  }
}

/** A worker's loop: claim chunks of the current job, then sleep until the next one. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, jobs: names, scratch } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory }, math: { log: Math.log } });
const jobs = names.map((name) => instance.exports[name]);
const c = new Int32Array(memory.buffer, 0, ${CONTROL_WORDS});
parentPort.postMessage('ready');
for (;;) {
  const seen = Atomics.load(c, ${WAKE});
  if (Atomics.load(c, ${QUIT}) !== 0) break;
  for (;;) {
    const next = Atomics.load(c, ${NEXT});
    const k = next & 0xffff;
    const count = Atomics.load(c, ${COUNT});
    if (k >= count) break;
    const job = Atomics.load(c, ${JOB});
    const desc = Atomics.load(c, ${DESC});
    if (Atomics.compareExchange(c, ${NEXT}, next, next + 1) !== next) continue;
    jobs[job](desc, k, scratch);
    if (Atomics.add(c, ${DONE}, 1) + 1 === count) Atomics.notify(c, ${DONE});
  }
  Atomics.wait(c, ${WAKE}, seen);
}
`;
