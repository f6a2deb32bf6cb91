import { describe, expect, it } from 'vitest';
import { assembleWat } from '../../scripts/wasm-module.js';
import { HostThreads, type HostJobExport } from './host-threads.js';

const HOST_SCRATCH = 1024;
const OUT = 4096;
const CHUNKS = 24;
const FLAG = 8192;

/**
 * A job that writes chunk + 1 into out[chunk]. A worker that claims a chunk raises a flag and
 * never finishes it (as a worker that hangs or died); the host waits for that flag before its
 * first chunk, so that the worker has claimed one whatever the machine's load.
 */
const HANGING_WORKER_WAT = `
(module
  (import "env" "memory" (memory 1 1 shared))
  (func (export "mark") (param $desc i32) (param $c i32) (param $st i32)
    (if (i32.ne (local.get $st) (i32.const ${HOST_SCRATCH}))
      (then
        (i32.atomic.store (i32.const ${FLAG}) (i32.const 1))
        (loop $forever (br $forever))))
    (loop $wait (br_if $wait (i32.eqz (i32.atomic.load (i32.const ${FLAG})))))
    (i32.store (i32.add (local.get $desc) (i32.shl (local.get $c) (i32.const 2))) (i32.add (local.get $c) (i32.const 1)))))
`;

describe('HostThreads', () => {
  it('takes a job back when a worker stops answering, then runs on the host alone', async () => {
    const module = new WebAssembly.Module(await assembleWat('hanging-worker.wat', HANGING_WORKER_WAT));
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const { exports } = new WebAssembly.Instance(module, { env: { memory } });
    const threads = new HostThreads(module, memory, [['mark', exports.mark as HostJobExport]], 1, HOST_SCRATCH, 300);
    await threads.whenReady();
    const out = new Int32Array(memory.buffer, OUT, CHUNKS);
    const expected = Array.from({ length: CHUNKS }, (_, k) => k + 1);

    const started = performance.now();
    threads.run(0, OUT, CHUNKS);
    expect(performance.now() - started, 'the host waited for the hung worker before taking over').toBeGreaterThanOrEqual(300);
    expect(Array.from(out)).toEqual(expected);

    out.fill(0);
    const again = performance.now();
    threads.run(0, OUT, CHUNKS);
    expect(performance.now() - again, 'no worker is waited for any more').toBeLessThan(300);
    expect(Array.from(out)).toEqual(expected);
    threads.dispose();
  });
});
