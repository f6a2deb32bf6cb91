import { Worker } from 'node:worker_threads';

/** Words of the background thread's control block (at its own offset in the shared memory). */
const WAKE = 0;
/** The job on offer (0: none). */
const CURRENT = 1;
/** The job the worker is inside (0: none). */
const ACTIVE = 2;
const COUNT = 3;
const QUIT = 4;
export const BACKGROUND_CONTROL_WORDS = 8;
/** How long the host waits for the worker to leave a job before it stops using the thread. */
const LEAVE_TIMEOUT_MS = 5_000;
/** The lowest scheduling priority (nice 19). */
const LOWEST_PRIORITY = 19;

/**
 * One worker thread at the lowest scheduling priority that works through the chunks of a job
 * while the host does other things, in practice while onnxruntime runs a MatMul: its threads
 * leave a core idle part of the time, and a nice-19 thread takes that time without slowing them
 * (measured on a 2-core machine: 0.57 ms of work per 1.75 ms MatMul, the MatMul unchanged).
 *
 * Chunks are claimed inside the job export, so the host can take any chunk the worker has not
 * reached; the export returns 0 for a chunk taken by someone else, and the worker then leaves the
 * job (the host, once it has started on a job, finishes it). The thread works only where it could
 * lower its priority (Linux, by thread id); without that it would slow onnxruntime down, so
 * `available` stays false and the host does all the work.
 */
export class BackgroundThread {
  private readonly control: Int32Array;
  private worker: Worker | null = null;
  private ready = false;
  private readonly started: Promise<boolean>;
  private job = 0;
  /** The job on offer or not yet left (0: none). */
  private offered = 0;

  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    /** The job export the worker runs for each chunk, in order: (desc, chunk, scratch), 0 when the chunk was taken. */
    jobExport: string,
    /** The byte offset of the control block (BACKGROUND_CONTROL_WORDS words). */
    controlOffset: number,
    /** The byte offset of the job's parameters, read by the worker while it is inside the job. */
    desc: number,
    /** The byte offset of the worker's 128-byte scratch area. */
    scratch: number,
  ) {
    this.control = new Int32Array(memory.buffer, controlOffset, BACKGROUND_CONTROL_WORDS);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, jobExport, controlOffset, desc, scratch } });
    // An undisposed backend must not keep the process alive; a worker that fails is never used.
    worker.unref();
    worker.on('error', () => {});
    this.worker = worker;
    this.started = new Promise<boolean>((resolve) => {
      worker.once('message', (lowered: boolean) => resolve(lowered));
      worker.once('exit', () => resolve(false));
    }).then((lowered) => {
      this.ready = lowered && this.worker !== null;
      if (!this.ready) this.dispose();
      return this.ready;
    });
  }

  /** Whether the worker runs at the lowest priority and takes jobs. */
  get available(): boolean {
    return this.ready;
  }

  /** Resolves once the worker has started: true when it takes jobs. */
  whenReady(): Promise<boolean> {
    return this.started;
  }

  /**
   * Offers chunks 0 .. chunks-1 of a job whose parameters are at `desc`; the previous job must
   * have been left (`leave`). Does nothing when the thread is not available.
   */
  offer(chunks: number): void {
    if (!this.ready) return;
    const c = this.control;
    this.offered = this.job = (this.job % 0x7fffffff) + 1;
    Atomics.store(c, COUNT, chunks);
    Atomics.store(c, CURRENT, this.job);
    Atomics.add(c, WAKE, 1);
    Atomics.notify(c, WAKE);
  }

  /**
   * Withdraws the current job and returns once the worker is outside it, so that the memory the
   * job touches can be reused; `cancel` runs in between (to close the chunks it has not claimed).
   */
  leave(cancel: () => void): void {
    const c = this.control;
    Atomics.store(c, CURRENT, 0);
    cancel();
    const job = this.offered;
    this.offered = 0;
    if (job === 0 || !this.worker) return;
    const deadline = performance.now() + LEAVE_TIMEOUT_MS;
    while (Atomics.load(c, ACTIVE) === job) {
      if (Atomics.wait(c, ACTIVE, job, Math.max(0, deadline - performance.now())) === 'timed-out') {
        this.dispose();
        return;
      }
    }
  }

  /** Stops the worker; later jobs are left to the host. */
  dispose(): void {
    this.ready = false;
    if (!this.worker) return;
    Atomics.store(this.control, QUIT, 1);
    Atomics.add(this.control, WAKE, 1);
    Atomics.notify(this.control, WAKE);
    void this.worker.terminate();
    this.worker = null;
  }
}

/**
 * The worker: lower its own priority (Linux: setpriority on the thread's id), then take each job
 * on offer. It marks itself ACTIVE before it checks that the job is still on offer, and the host
 * withdraws the job before it checks ACTIVE, so one of them always sees the other.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
const { getPriority, setPriority } = require('node:os');
const { module, memory, jobExport, controlOffset, desc, scratch } = workerData;
let lowered = false;
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  setPriority(tid, ${LOWEST_PRIORITY});
  lowered = getPriority(tid) === ${LOWEST_PRIORITY};
} catch {}
const run = new WebAssembly.Instance(module, { env: { memory }, math: { log: Math.log } }).exports[jobExport];
const c = new Int32Array(memory.buffer, controlOffset, ${BACKGROUND_CONTROL_WORDS});
parentPort.postMessage(lowered);
let last = 0;
while (lowered && Atomics.load(c, ${QUIT}) === 0) {
  const seen = Atomics.load(c, ${WAKE});
  const job = Atomics.load(c, ${CURRENT});
  if (job !== 0 && job !== last) {
    last = job;
    Atomics.store(c, ${ACTIVE}, job);
    if (Atomics.load(c, ${CURRENT}) === job) {
      const count = Atomics.load(c, ${COUNT});
      for (let k = 0; k < count && Atomics.load(c, ${CURRENT}) === job; k++) if (!run(desc, k, scratch)) break;
    }
    Atomics.store(c, ${ACTIVE}, 0);
    Atomics.notify(c, ${ACTIVE});
  }
  Atomics.wait(c, ${WAKE}, seen);
}
`;
